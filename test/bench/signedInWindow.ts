/**
 * One "VS Code window" against the sandbox, built from the real core classes with their production
 * settings: SessionService (default lease, backoff and timeouts), the production dispatcher, an
 * HttpClient and BoomTownApi whose tokens come from that SessionService.
 */
import { BoomTownApi } from '../../src/core/api/boomtownApi';
import { createApiDispatcher } from '../../src/core/shared/transport/dispatcher';
import { HttpClient } from '../../src/core/api/httpClient';
import type { TokenSource } from '../../src/core/api/tokenSource';
import { PendingSignIns } from '../../src/core/auth/pendingSignIns';
import type { SessionService } from '../../src/core/auth/sessions/sessionService';
import { BoomTownError } from '../../src/core/shared/errors';
import { RedactingLogger } from '../../src/core/shared/logger';
import type { SandboxOptions } from '../sandbox';
import { SkewedClock } from '../unit/auth/helpers/fakeClock';
import { openWindow, type TestWindow } from '../unit/auth/helpers/harness';
import { RedirectFollowingBrowser } from '../unit/auth/helpers/redirectBrowser';
import { startSandbox } from '../unit/auth/helpers/sandbox';

export const BENCH_SCOPES: readonly string[] = ['leads:read'];

/** PendingSignIns that notes when the callback arrived: the start of "callback to session". */
export class CallbackTimingPendingSignIns extends PendingSignIns {
  lastCallbackAt = Number.NaN;

  override handleCallback(uriOrQuery: string): boolean {
    this.lastCallbackAt = performance.now();
    return super.handleCallback(uriOrQuery);
  }
}

/** The session port the extension's API client uses, over SessionService without vscode (as src/vscode/tokenSource.ts does through getSession). */
export class SessionServiceTokens implements TokenSource {
  constructor(
    private readonly service: SessionService,
    private readonly scopes: readonly string[],
  ) {}

  async getAccessToken(): Promise<{ sessionId: string; accessToken: string }> {
    const [session] = await this.service.getSessions(this.scopes);
    if (!session) throw new BoomTownError('notSignedIn', 'Not signed in to the sandbox.');
    return { sessionId: session.id, accessToken: session.accessToken };
  }

  async refreshAfterUnauthorized(sessionId: string, rejectedAccessToken: string): Promise<{ sessionId: string; accessToken: string }> {
    const session = await this.service.forceRefresh(sessionId, rejectedAccessToken);
    return { sessionId: session.id, accessToken: session.accessToken };
  }

  rejectedAfterRefresh(sessionId: string, rejectedAccessToken: string): Promise<void> {
    return this.service.rejectSession(sessionId, rejectedAccessToken);
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
  const env = await startSandbox(options);
  const dispatcher = createApiDispatcher();
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
  const http = new HttpClient({ dispatcher, config: env.config, tokens: new SessionServiceTokens(window.service, BENCH_SCOPES), version: 'bench', logger });
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
