import type { Dispatcher } from 'undici';
import { BoomTownApi } from '../../../../src/core/api/boomtownApi';
import type { Sleep } from '../../../../src/core/shared/cancellation';
import { HttpClient } from '../../../../src/core/api/httpClient';
import { BoomTownError } from '../../../../src/core/shared/errors';
import { FakeTokens } from './fakeTokens';

export interface TestClient {
  http: HttpClient;
  api: BoomTownApi;
  tokens: FakeTokens;
  /** Every wait the client asked for, in ms, in order. */
  sleeps: number[];
}

/** Waits are recorded, not slept: retry tests run in milliseconds. A cancelled wait still ends as 'cancelled'. */
export function recordingSleep(record: number[]): Sleep {
  return async (ms, signal) => {
    record.push(ms);
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new BoomTownError('cancelled', 'Cancelled.');
  };
}

export function makeClient(dispatcher: Dispatcher, apiUrl: string, overrides: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): TestClient {
  const tokens = (overrides.tokens as FakeTokens | undefined) ?? new FakeTokens(apiUrl);
  const sleeps: number[] = [];
  const http = new HttpClient({
    dispatcher,
    config: () => ({ apiUrl }),
    tokens,
    version: '9.9.9-test',
    sleep: recordingSleep(sleeps),
    random: () => 0.5,
    timeouts: { headersMs: 2_000, bodyMs: 2_000 },
    ...overrides,
  });
  return { http, api: new BoomTownApi(http), tokens, sleeps };
}
