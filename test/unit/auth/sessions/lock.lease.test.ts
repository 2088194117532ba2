import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { decodeLease, encodeLease, heldByOther, SecretLease, type LeaseTimings, type SecretLease as Lease } from '../../../../src/core/auth/sessions/lock';
import { BoomTownError } from '../../../../src/core/shared/errors';
import { silentLogger } from '../../../../src/core/shared/logger';
import { systemClock } from '../../../../src/core/shared/ports';
import { SharedSecrets } from '../../helpers/memorySecretStore';

const fast: LeaseTimings = { ttlMs: 5_000, renewMs: 1_000, settleFactor: 3, settleMarginMs: 5, pollMs: 5, maxWaitMs: 5_000 };
async function withLease<T>(lease: Lease, task: () => Promise<T>): Promise<T> {
  const hold = await lease.acquire('test');
  try {
    return await task();
  } finally {
    await hold.release();
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SecretStorage lease (fallback lock)', () => {
  it('heldByOther: only a live lease of someone else blocks', () => {
    const now = 1_000_000;
    const table: Array<[string, Parameters<typeof heldByOther>[0], boolean]> = [
      ['none', undefined, false],
      ['ours', { owner: 'w1', nonce: 'mine', expiresAt: now + 1000 }, false],
      ['other, live', { owner: 'w2', nonce: 'theirs', expiresAt: now + 1000 }, true],
      ['other, expired', { owner: 'w2', nonce: 'theirs', expiresAt: now }, false],
      ['other, implausibly far ahead', { owner: 'w2', nonce: 'theirs', expiresAt: now + 3 * fast.ttlMs }, false],
    ];
    for (const [name, lease, held] of table) assert.equal(heldByOther(lease, 'mine', now, fast.ttlMs), held, name);
  });

  it('decodes what it encodes and ignores broken values', () => {
    const lease = { owner: 'w1', nonce: 'n1', expiresAt: 5, latencyMs: 12 };
    assert.deepEqual(decodeLease(encodeLease(lease)), lease);
    for (const raw of [undefined, '', 'x', '{"v":2,"owner":"w","nonce":"n","expiresAt":1}', '{"v":1,"owner":"w","nonce":"n"}', 'null']) assert.equal(decodeLease(raw), undefined, raw);
  });

  it('lets one window at a time in, across windows and within one', async () => {
    const secrets = new SharedSecrets();
    // One taker per window (a window's own callers queue in the vault before reaching the lease).
    const leases = ['w1', 'w2', 'w3', 'w4', 'w5'].map((owner) => new SecretLease(secrets.view(), owner, systemClock, silentLogger, fast));
    let inside = 0;
    let maxInside = 0;
    let entered = 0;
    const critical = async () => {
      inside += 1;
      entered += 1;
      maxInside = Math.max(maxInside, inside);
      await sleep(2);
      inside -= 1;
    };
    await Promise.all(leases.flatMap((lease) => Array.from({ length: 3 }, async () => { await sleep(Math.random() * 10); await withLease(lease, critical); })));
    assert.equal(entered, 15);
    assert.equal(maxInside, 1);
    assert.equal(secrets.values.has(SecretKeys.refreshLease), false, 'released');
  });

  it('waits for a live lease of another window and takes an expired one', async () => {
    const secrets = new SharedSecrets();
    secrets.values.set(SecretKeys.refreshLease, encodeLease({ owner: 'crashed', nonce: 'old', expiresAt: Date.now() - 1 }));
    const lease = new SecretLease(secrets.view(), 'w1', systemClock, silentLogger, fast);
    assert.equal(await withLease(lease, async () => 'ran'), 'ran');

    secrets.values.set(SecretKeys.refreshLease, encodeLease({ owner: 'busy', nonce: 'other', expiresAt: Date.now() + 4000 }));
    const started = Date.now();
    setTimeout(() => secrets.values.delete(SecretKeys.refreshLease), 60);
    await withLease(lease, async () => undefined);
    assert.ok(Date.now() - started >= 55, 'waited for the release');
  });

  it('gives up with timeout when another window keeps the lease', async () => {
    const secrets = new SharedSecrets();
    secrets.values.set(SecretKeys.refreshLease, encodeLease({ owner: 'busy', nonce: 'other', expiresAt: Date.now() + 4000 }));
    const lease = new SecretLease(secrets.view(), 'w1', systemClock, silentLogger, { ...fast, maxWaitMs: 50 });
    let ran = false;
    await assert.rejects(
      withLease(lease, async () => (ran = true)),
      (e: unknown) => e instanceof BoomTownError && e.reason === 'timeout',
    );
    assert.equal(ran, false);
  });

  it('releases the lease when the task fails', async () => {
    const secrets = new SharedSecrets();
    const lease = new SecretLease(secrets.view(), 'w1', systemClock, silentLogger, fast);
    await assert.rejects(withLease(lease, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(secrets.values.has(SecretKeys.refreshLease), false);
  });

  it('derives its settle from the slowest round trip measured, its own or one another window advertised', async () => {
    const slow = new SharedSecrets({ latencyMs: () => 30 });
    const lease = new SecretLease(slow.view(), 'w1', systemClock, silentLogger, fast);
    assert.equal(lease.settleMs(), fast.settleMarginMs, 'nothing measured yet');
    await withLease(lease, async () => undefined);
    assert.ok(lease.settleMs() >= 3 * 30 + fast.settleMarginMs, `settle ${lease.settleMs()} ms`);

    const fastStore = new SharedSecrets();
    fastStore.values.set(SecretKeys.refreshLease, encodeLease({ owner: 'remote', nonce: 'old', expiresAt: Date.now() - 1, latencyMs: 400 }));
    const local = new SecretLease(fastStore.view(), 'w2', systemClock, silentLogger, fast);
    await withLease(local, async () => undefined);
    assert.ok(local.settleMs() >= 3 * 400, 'a slow window elsewhere lengthens this window\'s settle');
  });

  it('a live holder keeps its lease past the ttl (renewed while held), however long it holds it', async () => {
    const secrets = new SharedSecrets();
    const short: LeaseTimings = { ...fast, ttlMs: 200, renewMs: 40 };
    const holder = await new SecretLease(secrets.view(), 'w1', systemClock, silentLogger, short).acquire('saving sessions again');
    const other = new SecretLease(secrets.view(), 'w2', systemClock, silentLogger, { ...short, maxWaitMs: 600 });
    await assert.rejects(other.acquire('refresh'), (e: unknown) => e instanceof BoomTownError && e.reason === 'timeout');
    await holder.confirm();
    await holder.release();
    assert.equal(secrets.values.has(SecretKeys.refreshLease), false, 'no renewal landed after the release');
    await (await other.acquire('refresh')).release();
  });

  it('confirm() right before spending a refresh token fails once the lease is no longer ours', async () => {
    const secrets = new SharedSecrets();
    const lease = new SecretLease(secrets.view(), 'w1', systemClock, silentLogger, fast);
    const hold = await lease.acquire('refresh');
    await hold.confirm();
    secrets.values.set(SecretKeys.refreshLease, encodeLease({ owner: 'w2', nonce: 'theirs', expiresAt: Date.now() + 4000 }));
    await assert.rejects(hold.confirm(), (e: unknown) => e instanceof BoomTownError && e.reason === 'storage');
    await hold.release();
    assert.ok(secrets.values.has(SecretKeys.refreshLease), "releasing leaves the other window's claim alone");
  });
});
