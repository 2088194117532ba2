/**
 * One "VS Code window" against the sandbox, made by createCore (through the unit tests' harness) with
 * production settings: the session layer's default lease, backoff and timeouts, the production
 * dispatcher, and the core's API client, whose tokens come from its sessions.
 */
import type { BoomTownApi } from '../../src/core/api/boomtownApi';
import { createApiDispatcher } from '../../src/core/shared/transport/dispatcher';
import type { HttpClient } from '../../src/core/api/httpClient';
import type { PendingSignIns } from '../../src/core/auth/pendingSignIns';
import type { SessionService } from '../../src/core/auth/sessions/sessionService';
import { RedactingLogger } from '../../src/core/shared/logger';
import { startSandbox, type SandboxOptions } from '../sandbox';
import { SkewedClock } from '../unit/auth/helpers/fakeClock';
import { openWindow, PRODUCTION_TIMINGS, type TestWindow } from '../unit/auth/helpers/harness';
import { RedirectFollowingBrowser } from '../unit/auth/helpers/redirectBrowser';

export const BENCH_SCOPES: readonly string[] = ['leads:read'];

/** Hands callbacks to the core's pending sign-ins, noting when each arrived: the start of "callback to session". */
export class CallbackTiming {
  lastCallbackAt = Number.NaN;

  constructor(private readonly pending: PendingSignIns) {}

  handleCallback(uriOrQuery: string): boolean {
    this.lastCallbackAt = performance.now();
    return this.pending.handleCallback(uriOrQuery);
  }
}

export interface BenchWindow {
  env: Awaited<ReturnType<typeof startSandbox>>;
  window: TestWindow;
  pending: CallbackTiming;
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
  const window = openWindow({
    dispatcher,
    config: env.config,
    credentials: env.credentials,
    clock,
    // The timings the extension runs with, not the harness's fast test timings.
    overrides: { logger, ...PRODUCTION_TIMINGS },
  });
  const pending = new CallbackTiming(window.pending);
  const browser = new RedirectFollowingBrowser(dispatcher, pending);
  return {
    env,
    window,
    pending,
    browser,
    clock,
    api: window.core.api,
    http: window.core.apiClient,
    signIn: () => window.service.createSession(BENCH_SCOPES, browser),
    close: async () => {
      window.close();
      await dispatcher.close();
      await env.close();
    },
  };
}
