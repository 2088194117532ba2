import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { PendingSignIns } from '../../../../src/core/auth/pendingSignIns';
import { SessionService, type SessionServiceDeps } from '../../../../src/core/auth/sessions/sessionService';
import type { AuthSession, SessionsChange } from '../../../../src/core/auth/sessionTypes';
import type { BoomTownError } from '../../../../src/core/shared/errors';
import type { Clock } from '../../../../src/core/shared/ports';
import { SharedSecrets } from '../../helpers/memorySecretStore';
import { FakeClock } from './fakeClock';
import { collectingLogger } from './logs';
import { RedirectFollowingBrowser } from './redirectBrowser';

export const testCredentials = { clientId: 'client-test-1', clientSecret: 'client-secret-test-1' };

/** Lease timings short enough for tests (the lease is the fallback lock: windows without a lock directory). */
export const fastLease = { ttlMs: 10_000, settleFactor: 3, settleMarginMs: 5, pollMs: 5, maxWaitMs: 20_000 };

/** Every SharedSecrets is one machine: its windows share one global storage folder (made on first use, removed at exit). */
const machineFolders = new WeakMap<SharedSecrets, string>();
const madeFolders: string[] = [];
export function machineFolder(secrets: SharedSecrets): string {
  let folder = machineFolders.get(secrets);
  if (!folder) {
    folder = mkdtempSync(join(tmpdir(), 'boomtown-machine-'));
    if (madeFolders.length === 0) process.once('exit', () => madeFolders.forEach((made) => rmSync(made, { recursive: true, force: true })));
    madeFolders.push(folder);
    machineFolders.set(secrets, folder);
  }
  return folder;
}

export interface WindowOptions {
  dispatcher: Dispatcher;
  config: SessionServiceDeps['config'];
  secrets?: SharedSecrets;
  clock?: Clock;
  credentials?: SessionServiceDeps['credentials'];
  redirectUri?: string;
  overrides?: Partial<SessionServiceDeps>;
  /** 'file' (default): the lock file in the machine's folder; 'lease': only the SecretStorage lease. */
  lock?: 'file' | 'lease';
}

/** One VS Code window: a SessionService with its own PendingSignIns, log, event record and test browser. */
export function openWindow(options: WindowOptions) {
  const secrets = options.secrets ?? new SharedSecrets();
  const clock = options.clock ?? new FakeClock();
  const log = collectingLogger();
  const pending = new PendingSignIns(log.logger, { timeoutMs: 10_000 });
  const store = secrets.view();
  const service = new SessionService({
    store,
    dispatcher: options.dispatcher,
    config: options.config,
    credentials: options.credentials ?? (async () => testCredentials),
    pending,
    logger: log.logger,
    clock,
    lockDirectory: options.lock === 'lease' ? undefined : machineFolder(secrets),
    leaseTimings: fastLease,
    saveRetry: { baseMs: 20, maxMs: 200 },
    backoff: { baseMs: 1000, maxMs: 8000 },
    requestTimeoutMs: 3000,
    ...options.overrides,
  });
  const changes: SessionsChange[] = [];
  const ended: Array<{ session: AuthSession; reason: BoomTownError }> = [];
  service.onDidChangeSessions((change) => changes.push(change));
  service.onDidEndSession((event) => ended.push(event));
  const browser = new RedirectFollowingBrowser(options.dispatcher, pending, options.redirectUri);
  return {
    service,
    pending,
    browser,
    secrets,
    clock,
    log,
    changes,
    ended,
    signIn: (scopes: readonly string[] = ['leads:read']) => service.createSession(scopes, browser),
    close: () => {
      service.dispose();
      store.dispose();
    },
  };
}

export type TestWindow = ReturnType<typeof openWindow>;

/** Lets queued store notifications (setImmediate hops) and the re-reads they cause finish. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export function ids(list: ReadonlyArray<{ id: string }>): string[] {
  return list.map((s) => s.id);
}
