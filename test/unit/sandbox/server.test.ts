import assert from 'node:assert/strict';
import { isBoomTownError } from '../../../src/core/shared/errors';
import { start } from '../../sandbox/index';
import { apiGet, httpRequest, signIn } from '../../sandbox/drivers/testClient';

describe('sandbox server', () => {
  it('listens on 127.0.0.2 too', async () => {
    const sandbox = await start({ host: '127.0.0.2', leads: 5, autoApprove: true });
    try {
      assert.match(sandbox.url, /^http:\/\/127\.0\.0\.2:\d+$/);
      const session = await signIn(sandbox.url);
      assert.equal((await apiGet(sandbox.url, '/v1/me', session.accessToken)).status, 200);
    } finally {
      await sandbox.stop();
    }
  });

  it('listens on a given port', async () => {
    const first = await start({ leads: 1 });
    const port = Number(new URL(first.url).port);
    await first.stop();
    const second = await start({ leads: 1, port });
    try {
      assert.equal(second.url, `http://127.0.0.1:${port}`);
    } finally {
      await second.stop();
    }
  });

  it('stop() is fast even with a request waiting on latency, and the waiting client sees the connection end', async () => {
    const sandbox = await start({ leads: 5, faults: { latencyMs: 10_000 } });
    const pending = httpRequest(`${sandbox.url}/v1/me`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await sandbox.stop();
    assert.ok(performance.now() - started < 1000);
    await assert.rejects(pending);
  });

  it('stop() is fast during a slow body too, and may be called twice', async () => {
    const sandbox = await start({ leads: 5, faults: { slowBodyMs: 10_000 } });
    const pending = httpRequest(`${sandbox.url}/v1/nothing`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await Promise.all([sandbox.stop(), sandbox.stop()]);
    assert.ok(performance.now() - started < 1000);
    assert.ok((await pending) instanceof Error);
  });

  it('refuses a body over 1 MiB with 413, and counts it', async () => {
    const sandbox = await start({ leads: 1 });
    try {
      const answer = await httpRequest(`${sandbox.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=${'x'.repeat(1024 * 1024 + 1)}`,
      });
      assert.equal(answer.status, 413);
      assert.deepEqual(sandbox.counters().byStatus, { '413': 1 });
    } finally {
      await sandbox.stop();
    }
  });

  it('refuses bad options with a typed error', async () => {
    for (const options of [{ leads: -1 }, { users: 0 }, { accessTokenTtlSeconds: 0 }, { maxPageLimit: 1.5 }, { clients: [] }, { faults: { failEveryN: -2 } }]) {
      await assert.rejects(start(options), (error) => isBoomTownError(error, 'badInput'), JSON.stringify(options));
    }
  });

  it('setOptions refuses read-only and unknown options', async () => {
    const sandbox = await start({ leads: 1 });
    try {
      assert.throws(() => sandbox.setOptions({ leads: 4 } as never), (error) => isBoomTownError(error, 'badInput'));
      assert.throws(() => sandbox.setOptions({ autoApprove: 'nobody' }), (error) => isBoomTownError(error, 'badInput'));
      sandbox.setOptions({ autoApprove: 'u_3' });
    } finally {
      await sandbox.stop();
    }
  });
});
