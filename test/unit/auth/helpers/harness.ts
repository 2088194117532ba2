import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { createCore, type CoreOptions, type SessionTimings } from '../../../../src/core';
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

/** Session timings short enough for tests; a window can put any of them back to production's (undefined). */
const TEST_TIMINGS = {
  leaseTimings: fastLease,
  saveRetry: { baseMs: 20, maxMs: 200 },
  backoff: { baseMs: 1000, maxMs: 8000 },
  requestTimeoutMs: 3000,
} satisfies Partial<SessionTimings>;

/**
 * Every test timing put back to production's (createCore's defaults): for a window that meets real
 * retries and real waits (a sandbox with faults, a benchmark).
 */
export const PRODUCTION_TIMINGS: Record<keyof typeof TEST_TIMINGS, undefined> = { leaseTimings: undefined, saveRetry: undefined, backoff: undefined, requestTimeoutMs: undefined };

/** What a test may change of a window's core: its timings, and ports other than the machine's defaults. */
export type WindowOverrides = Partial<SessionTimings> & Partial<Pick<CoreOptions, 'secrets' | 'logger' | 'globalStorageFolder' | 'shareTokensInRecord'>>;

export interface WindowOptions {
  dispatcher: Dispatcher;
  config: CoreOptions['settings'];
  secrets?: SharedSecrets;
  clock?: Clock;
  credentials?: CoreOptions['credentials'];
  redirectUri?: string;
  overrides?: WindowOverrides;
  /** The device grant's waits (a test moves a fake clock instead of waiting). */
  deviceTimings?: CoreOptions['deviceTimings'];
  /** 'file' (default): the lock file in the machine's folder; 'lease': only the SecretStorage lease. */
  lock?: 'file' | 'lease';
}

/**
 * One VS Code window: a core made by createCore (as activate() makes it) over this machine's shared
 * secrets and folder, with its own log, event record and test browser.
 */
export function openWindow(options: WindowOptions) {
  const secrets = options.secrets ?? new SharedSecrets();
  const clock = options.clock ?? new FakeClock();
  const log = collectingLogger();
  const store = secrets.view();
  const { secrets: ownStore, logger, globalStorageFolder, shareTokensInRecord, ...timings } = options.overrides ?? {};
  const core = createCore({
    secrets: ownStore ?? store,
    dispatcher: options.dispatcher,
    logger: logger ?? log.logger,
    settings: options.config,
    credentials: options.credentials ?? (async () => testCredentials),
    clock,
    globalStorageFolder: globalStorageFolder ?? (options.lock === 'lease' ? undefined : machineFolder(secrets)),
    shareTokensInRecord,
    signInTimeoutMs: 10_000,
    deviceTimings: options.deviceTimings,
    sessionTimings: { ...TEST_TIMINGS, ...timings },
  });
  const { sessions: service, pendingSignIns: pending } = core;
  const changes: SessionsChange[] = [];
  const ended: Array<{ session: AuthSession; reason: BoomTownError }> = [];
  service.onDidChangeSessions((change) => changes.push(change));
  service.onDidEndSession((event) => ended.push(event));
  const browser = new RedirectFollowingBrowser(options.dispatcher, pending, options.redirectUri);
  return {
    core,
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
      core.dispose();
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
