/**
 * One "VS Code window" against the sandbox, built from the real core classes with their production
 * settings: SessionService (default lease, backoff and timeouts), the production dispatcher, an
 * HttpClient and BoomTownApi whose tokens come from that SessionService.
 */
import { BoomTownApi } from '../../src/core/api/boomtownApi';
import { createApiDispatcher } from '../../src/core/shared/transport/dispatcher';
import { HttpClient } from '../../src/core/api/httpClient';
import { tokensFromSessions } from '../../src/core/api/tokenSource';
import { PendingSignIns } from '../../src/core/auth/pendingSignIns';
import type { SessionService } from '../../src/core/auth/sessions/sessionService';
import { RedactingLogger } from '../../src/core/shared/logger';
import { startSandbox, type SandboxOptions } from '../sandbox';
import { SkewedClock } from '../unit/auth/helpers/fakeClock';
import { openWindow, type TestWindow } from '../unit/auth/helpers/harness';
import { RedirectFollowingBrowser } from '../unit/auth/helpers/redirectBrowser';

export const BENCH_SCOPES: readonly string[] = ['leads:read'];

/** PendingSignIns that notes when the callback arrived: the start of "callback to session". */
export class CallbackTimingPendingSignIns extends PendingSignIns {
  lastCallbackAt = Number.NaN;

  override handleCallback(uriOrQuery: string): boolean {
    this.lastCallbackAt = performance.now();
    return super.handleCallback(uriOrQuery);
  }
}

export interface BenchWindow {
  env: Awaited<ReturnType<typeof startSandbox>>;
  window: TestWindow;
  pending: CallbackTimingPendingSignIns;
  browser: RedirectFollowingBrowser;
  /** Real time plus a jump ahead, to make the window believe its tokens expired. */
  clock: SkewedClock;
  api: BoomTownApi;
  /** The client under `api`, for callers that send requests of their own (request files). */
  http: HttpClient;
  signIn(): ReturnType<SessionService['createSession']>;
  close(): Promise<void>;
}

/** Log lines are formatted and redacted, as in the extension, then dropped. */
export function discardingLogger(): RedactingLogger {
  return new RedactingLogger(() => undefined);
}

export async function openBenchWindow(options: SandboxOptions = {}): Promise<BenchWindow> {
  const env = await startSandbox({ autoApprove: true, leads: 5, ...options });
  const dispatcher = await createApiDispatcher();
  const clock = new SkewedClock();
  const logger = discardingLogger();
  const pending = new CallbackTimingPendingSignIns(logger);
  const window = openWindow({
    dispatcher,
    config: env.config,
    credentials: env.credentials,
    clock,
    // undefined = the SessionService defaults the extension runs with, not the harness's fast test timings.
    overrides: { pending, logger, leaseTimings: undefined, backoff: undefined, requestTimeoutMs: undefined },
  });
  const browser = new RedirectFollowingBrowser(dispatcher, pending);
  const http = new HttpClient({ dispatcher, config: env.config, tokens: tokensFromSessions(async () => (await window.service.getSessions(BENCH_SCOPES))[0], window.service), version: 'bench', logger });
  return {
    env,
    window,
    pending,
    browser,
    clock,
    api: new BoomTownApi(http),
    http,
    signIn: () => window.service.createSession(BENCH_SCOPES, browser),
    close: async () => {
      window.close();
      await dispatcher.close();
      await env.close();
    },
  };
}
