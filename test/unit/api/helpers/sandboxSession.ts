import type { Dispatcher } from 'undici';
import { tokensFromSessions, type TokenSource } from '../../../../src/core/api/tokenSource';
import { PendingSignIns } from '../../../../src/core/auth/pendingSignIns';
import { SessionService } from '../../../../src/core/auth/sessions/sessionService';
import { silentLogger } from '../../../../src/core/shared/logger';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { RedirectFollowingBrowser } from '../../auth/helpers/redirectBrowser';
import { SharedSecrets } from '../../helpers/memorySecretStore';

const SCOPES: readonly string[] = ['offline_access'];

export interface SandboxSession {
  sandbox: Sandbox;
  /** Tokens from the real session layer (SessionService over an in-memory secret store). */
  tokens: TokenSource;
  /** Refresh-token grants the sandbox has answered since the sign-in. */
  refreshes(): number;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/**
 * A running sandbox (auto-approving sign-ins) and a real SessionService signed in to it, on the
 * sandbox's clock, with a dispatcher of its own. Always `close()` it.
 */
export async function startSignedIn(options: SandboxOptions = {}): Promise<SandboxSession> {
  // Faults apply once signed in: they are what the test is about, not the sign-in.
  const { faults, ...sandboxOptions } = options;
  const running = await startSandbox({ autoApprove: true, ...sandboxOptions, dispatcher: { connect: { timeout: 2_000 }, headersTimeout: 5_000, bodyTimeout: 5_000 } });
  const pending = new PendingSignIns(silentLogger);
  const service = new SessionService({
    store: new SharedSecrets().view(),
    dispatcher: running.dispatcher,
    config: running.config,
    credentials: running.credentials,
    pending,
    logger: silentLogger,
    clock: options.clock,
  });
  const close = async () => {
    service.dispose();
    await running.close();
  };
  try {
    await service.createSession(SCOPES, new RedirectFollowingBrowser(running.dispatcher, pending));
    if (faults) running.sandbox.setFaults(faults);
    running.sandbox.resetCounters();
    return {
      sandbox: running.sandbox,
      tokens: tokensFromSessions(async () => (await service.getSessions(SCOPES))[0], service),
      refreshes: () => running.sandbox.counters().byGrant.refresh_token ?? 0,
      dispatcher: running.dispatcher,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
