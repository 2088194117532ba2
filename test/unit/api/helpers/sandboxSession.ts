import type { Dispatcher } from 'undici';
import type { TokenSource } from '../../../../src/core/api/tokenSource';
import { systemClock } from '../../../../src/core/shared/ports';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { openWindow, PRODUCTION_TIMINGS } from '../../auth/helpers/harness';

const SCOPES: readonly string[] = ['offline_access'];

export interface SandboxSession {
  sandbox: Sandbox;
  /** Tokens from the real session layer: the core's, over an in-memory secret store. */
  tokens: TokenSource;
  /** Refresh-token grants the sandbox has answered since the sign-in. */
  refreshes(): number;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/**
 * A running sandbox (auto-approving sign-ins) and a window's core (createCore, through the harness)
 * signed in to it, on the sandbox's clock, with a dispatcher of its own. Always `close()` it.
 */
export async function startSignedIn(options: SandboxOptions = {}): Promise<SandboxSession> {
  // Faults apply once signed in: they are what the test is about, not the sign-in.
  const { faults, ...sandboxOptions } = options;
  const running = await startSandbox({ autoApprove: true, ...sandboxOptions, dispatcher: { connect: { timeout: 2_000 }, headersTimeout: 5_000, bodyTimeout: 5_000 } });
  const window = openWindow({
    dispatcher: running.dispatcher,
    config: running.config,
    credentials: running.credentials,
    clock: options.clock ?? systemClock,
    // One window, so no lock file to share; production timings, so the faults meet the real retries.
    lock: 'lease',
    overrides: PRODUCTION_TIMINGS,
  });
  const close = async () => {
    window.close();
    await running.close();
  };
  try {
    await window.signIn(SCOPES);
    if (faults) running.sandbox.setFaults(faults);
    running.sandbox.resetCounters();
    return {
      sandbox: running.sandbox,
      tokens: window.core.tokens,
      refreshes: () => running.sandbox.counters().byGrant.refresh_token ?? 0,
      dispatcher: running.dispatcher,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
