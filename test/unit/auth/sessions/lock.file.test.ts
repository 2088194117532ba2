import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLock, LOCK_DIRECTORY_NAME } from '../../../../src/core/auth/sessions/lock';
import { silentLogger } from '../../../../src/core/shared/logger';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the lock file (windows sharing a file system)', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'boomtown-lock-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('lets one holder in at a time, however many windows ask', async () => {
    const locks = Array.from({ length: 4 }, () => new FileLock(folder, silentLogger));
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      locks.flatMap((lock) =>
        Array.from({ length: 3 }, async () => {
          const hold = await lock.acquire('test');
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(3);
          inside--;
          await hold.release();
        }),
      ),
    );
    assert.equal(maxInside, 1);
  });

  it('takes over a lock a crashed window left behind (its heartbeat stopped)', async () => {
    const left = join(folder, LOCK_DIRECTORY_NAME);
    mkdirSync(left);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(left, longAgo, longAgo);
    const hold = await new FileLock(folder, silentLogger).acquire('test');
    await hold.confirm();
    await hold.release();
  });

  it('a live holder keeps the lock past staleMs (its heartbeat), however long it holds it', async function () {
    this.timeout(10_000);
    // proper-lockfile's shortest staleness is 2 s (heartbeat every 1 s): the hold outlasts it.
    const timings = { staleMs: 2_000, updateMs: 1_000, pollMs: 10, maxWaitMs: 2_600 };
    const holder = await new FileLock(folder, silentLogger, timings).acquire('saving sessions again');
    await assert.rejects(new FileLock(folder, silentLogger, timings).acquire('refresh'), (e: unknown) => (e as { reason?: string }).reason === 'timeout');
    await holder.confirm();
    await holder.release();
  });

  it('waits for a live holder and gives up with timeout after maxWaitMs', async () => {
    const first = await new FileLock(folder, silentLogger).acquire('holder');
    const waiting = new FileLock(folder, silentLogger, { staleMs: 10_000, updateMs: 2_000, pollMs: 10, maxWaitMs: 100 });
    await assert.rejects(waiting.acquire('waiter'), (e: unknown) => (e as { reason?: string }).reason === 'timeout');
    await first.release();
    await (await waiting.acquire('waiter')).release();
  });
});
