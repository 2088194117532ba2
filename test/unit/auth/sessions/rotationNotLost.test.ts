import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { decodeSessions } from '../../../../src/core/auth/sessions/copies';
import type { WindowOverrides } from '../helpers/harness';
import { openWorld, type World } from '../helpers/windowRace';

/**
 * Issue 22's guarantee: no window ever presents a refresh token older than one the server has issued
 * to any window. Several windows over one keychain race to renew (the sandbox rotates refresh tokens
 * and revokes the whole chain when one is presented twice); the save right after the rotating
 * refresh fails once, twice, or for "30 s", under both kinds of cross-window lock.
 *
 * The 30 s outage and every timer that matters for it are scaled down with the production ratios
 * kept: the save retry (250 ms doubling to 5 s), how long other windows wait for the lock (60 s) and
 * the lease's ttl and renewal (40 s, every 4 s). The lease is scaled less (1/20) than the lock file
 * (1/60): an outage of every write must stay shorter than what is left of its claim, and that margin
 * (6 s in production) must stay wide enough in milliseconds for a busy machine. The lock file's own
 * staleness (10 s) is left as it is: proper-lockfile refreshes it while held, however long. The
 * first retry of the save is scaled only to 1/10 (25 ms): it must stay longer than a waiting
 * window's lock polling (10 ms), as in production, or a store that released the lock (the bug)
 * would pass by luck, its retry landing before the other window looks.
 */
type LockKind = 'file' | 'lease';
const SCALE: Record<LockKind, number> = { file: 1 / 60, lease: 1 / 20 };

function scaled(lock: LockKind): { outageMs: number; overrides: WindowOverrides } {
  const scale = SCALE[lock];
  return {
    outageMs: 30_000 * scale,
    overrides: {
      saveRetry: { baseMs: 25, maxMs: 5_000 * scale },
      leaseTimings: { ttlMs: 40_000 * scale, renewMs: 4_000 * scale, settleFactor: 3, settleMarginMs: 5, pollMs: 5, maxWaitMs: 60_000 * scale },
      fileLockTimings: { maxWaitMs: 60_000 * scale },
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await sleep(5);
  }
}

const FAILURES: Array<{ name: string; arm: (world: World, outageMs: number) => Promise<void> | undefined }> = [
  { name: 'fails once', arm: (world) => failSaves(world, 1) },
  { name: 'fails twice', arm: (world) => failSaves(world, 2) },
  {
    name: 'fails for 30 s (every write refused, scaled)',
    arm: (world, outageMs) => {
      world.secrets.lockAtNextStoreOf(SecretKeys.sessions);
      return (async () => {
        await until(() => world.secrets.storesRefused);
        await sleep(outageMs);
        world.secrets.storesRefused = false;
      })();
    },
  },
];

function failSaves(world: World, count: number): undefined {
  world.secrets.failStoresOf = SecretKeys.sessions;
  world.secrets.failStores = count;
  return undefined;
}

describe('no rotation lost: a failed save right after a rotating refresh keeps the lock until it succeeds (issue 22)', function () {
  this.timeout(30_000);
  for (const lock of ['file', 'lease'] as const) {
    for (const windows of [2, 3]) {
      for (const failure of FAILURES) {
        it(`${lock === 'file' ? 'lock file' : 'SecretStorage lease'}, ${windows} windows, the save ${failure.name}: nothing lost, no token reused, every window on the newest`, async () => {
          const { outageMs, overrides } = scaled(lock);
          const world = await openWorld({ windows, lock, overrides });
          try {
            let outage: Promise<void> | undefined;
            const result = await world.race(() => {
              outage = failure.arm(world, outageMs);
            });
            await outage;
            assert.equal(result.problem, undefined, 'the race with the failing save');
            assert.equal(result.refreshRequests, 1, 'refresh requests');
            const newest = await newestEverywhere(world);
            await until(() => storedAccessToken(world) === newest, 5_000);
            // The chain goes on from the saved tokens: the next race spends the newest refresh token.
            const next = await world.race();
            assert.equal(next.problem, undefined, 'the next race');
            assert.equal(next.refreshRequests, 1, 'refresh requests of the next race');
          } finally {
            await world.close();
          }
        });
      }
    }
  }
});

describe('no rotation lost: while the save is refused, the holder serves the new tokens and the others wait (issue 22)', function () {
  this.timeout(30_000);
  for (const lock of ['file', 'lease'] as const) {
    const kind = lock === 'file' ? 'lock file' : 'SecretStorage lease';

    it(`${kind}: the holder's own callers get the new token at once; another window waits, then takes the saved one`, async () => {
      const { outageMs, overrides } = scaled(lock);
      const world = await openWorld({ windows: 2, lock, overrides });
      try {
        const [a, b] = world.windows;
        const session = await signedIn(world);
        world.secrets.lockAtNextStoreOf(SecretKeys.sessions);
        const started = Date.now();
        const renewed = await a.service.forceRefresh(session.id, session.accessToken);
        assert.ok(world.secrets.storesRefused, 'the save after the refresh was refused');
        assert.equal((await a.service.getSessions())[0]?.accessToken, renewed.accessToken);
        assert.ok(Date.now() - started < outageMs / 2, `the holder was served from memory (${Date.now() - started} ms)`);
        let answeredAt = 0;
        const other = b.service.forceRefresh(session.id, session.accessToken).finally(() => (answeredAt = Date.now()));
        await sleep(outageMs);
        const outageEndedAt = Date.now();
        world.secrets.storesRefused = false;
        assert.equal((await other).accessToken, renewed.accessToken, 'the other window took the saved token');
        assert.ok(answeredAt >= outageEndedAt, 'the other window waited for the save');
        assert.equal(world.refusedTokenRequests(), 0, 'no refresh token presented twice');
        assert.equal(storedAccessToken(world), renewed.accessToken);
      } finally {
        await world.close();
      }
    });

    it(`${kind}: when the outage outlasts their wait, the other windows' callers get a retryable timeout and spend nothing`, async () => {
      const { outageMs, overrides } = scaled(lock);
      const impatient = { ...overrides, leaseTimings: { ...overrides.leaseTimings, maxWaitMs: outageMs / 3 }, fileLockTimings: { maxWaitMs: outageMs / 3 } };
      const world = await openWorld({ windows: 2, lock, overrides: impatient });
      try {
        const [a, b] = world.windows;
        const session = await signedIn(world);
        world.secrets.lockAtNextStoreOf(SecretKeys.sessions);
        const renewed = await a.service.forceRefresh(session.id, session.accessToken);
        await assert.rejects(b.service.forceRefresh(session.id, session.accessToken), (e: unknown) => (e as { reason?: string }).reason === 'timeout');
        assert.ok(world.secrets.storesRefused, 'it timed out during the outage');
        world.secrets.storesRefused = false;
        await until(() => storedAccessToken(world) === renewed.accessToken, 5_000);
        assert.equal((await b.service.forceRefresh(session.id, session.accessToken)).accessToken, renewed.accessToken, 'afterwards it takes the saved token');
        assert.equal(world.refusedTokenRequests(), 0, 'no refresh token presented twice');
        assert.equal(b.ended.length + a.ended.length, 0, 'no session ended');
      } finally {
        await world.close();
      }
    });
  }
});

describe('no rotation lost: a window closed while its save is refused (issue 22)', function () {
  this.timeout(30_000);
  for (const lock of ['file', 'lease'] as const) {
    it(`${lock === 'file' ? 'lock file' : 'SecretStorage lease'}: it tries one last save, then lets the other windows in, which take the saved token`, async () => {
      const { overrides } = scaled(lock);
      // No retry before the window closes: only the last save on closing can save the tokens.
      const world = await openWorld({ windows: 2, lock, overrides: { ...overrides, saveRetry: { baseMs: 60_000, maxMs: 60_000 } } });
      try {
        const [a, b] = world.windows;
        const session = await signedIn(world);
        failSaves(world, 1);
        const renewed = await a.service.forceRefresh(session.id, session.accessToken);
        a.close();
        assert.equal((await b.service.forceRefresh(session.id, session.accessToken)).accessToken, renewed.accessToken);
        assert.equal(storedAccessToken(world), renewed.accessToken);
        assert.equal(world.refusedTokenRequests(), 0, 'no refresh token presented twice');
      } finally {
        await world.close();
      }
    });
  }
});

/** Signs in (through one ordinary race) and returns the session every window then has. */
async function signedIn(world: World) {
  const result = await world.race();
  assert.equal(result.problem, undefined);
  const [session] = await world.windows[0].service.getSessions();
  assert.ok(session);
  return session;
}

/** Every window presents one and the same access token; returns it. */
async function newestEverywhere(world: World): Promise<string> {
  const tokens = await Promise.all(world.windows.map(async (window) => (await window.service.getSessions())[0]?.accessToken));
  assert.ok(tokens.every((token) => token !== undefined && token === tokens[0]), 'every window presents the same session');
  return tokens[0] as string;
}

function storedAccessToken(world: World): string | undefined {
  return decodeSessions(world.secrets.values.get(SecretKeys.sessions)).sessions[0]?.accessToken;
}
