import assert from 'node:assert/strict';
import type { AuthSession } from '../../../../src/core/auth/sessionTypes';
import { SharedSecrets } from '../../helpers/memorySecretStore';
import { SkewedClock } from '../helpers/fakeClock';
import { openWindow, settle, type TestWindow } from '../helpers/harness';
import { meStatus, startSandbox } from '../helpers/sandbox';

const ROUNDS = 100;

describe('two windows racing to refresh, against the sandbox (rotation + reuse detection)', function () {
  this.timeout(90_000);
  let env: Awaited<ReturnType<typeof startSandbox>>;
  let windows: TestWindow[];
  let clock: SkewedClock;

  beforeEach(async () => {
    env = await startSandbox({ accessTokenTtlSeconds: 2, refreshTokenRotation: true, reuseDetection: true });
    const secrets = new SharedSecrets();
    clock = new SkewedClock();
    windows = [0, 1].map(() => openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials, secrets, clock }));
  });
  afterEach(async () => {
    for (const window of windows) window.close();
    await env.close();
  });

  it(`loses no session in ${ROUNDS} rounds, with one refresh per round and no reuse revocation`, async () => {
    const [a, b] = windows;
    await b.service.getSessions();
    let current: AuthSession = await a.signIn(['leads:read']);
    await settle();
    env.sandbox.resetCounters();
    const started = Date.now();

    for (let round = 0; round < ROUNDS; round++) {
      const stale = current;
      env.sandbox.expireAccessTokens();
      // Odd rounds: both windows also see the token as expired by their clock (refresh on read);
      // every round: both windows got a 401 for it (forceRefresh).
      if (round % 2 === 1) clock.advance(3000);
      const results = await Promise.all([
        a.service.forceRefresh(stale.id, stale.accessToken),
        b.service.forceRefresh(stale.id, stale.accessToken),
        a.service.getSessions(['leads:read']).then((s) => s[0]),
        b.service.getSessions(['leads:read']).then((s) => s[0]),
        b.service.forceRefresh(stale.id, stale.accessToken),
      ]);
      for (const result of results) assert.ok(result, `round ${round}: a window lost the session`);
      const renewed = results[0];
      assert.equal(renewed.id, stale.id, `round ${round}: the session id changed`);
      assert.notEqual(renewed.accessToken, stale.accessToken, `round ${round}: not renewed`);
      const forced = [results[0], results[1], results[4]];
      const read = round % 2 === 1 ? [results[2], results[3]] : [];
      for (const result of [...forced, ...read]) assert.equal(result.accessToken, renewed.accessToken, `round ${round}: windows disagree`);
      current = renewed;
    }
    await settle();

    const elapsed = Date.now() - started;
    const counters = env.sandbox.counters();
    const failedTokenRequests = env.sandbox.requests().filter((r) => r.route === '/oauth/token' && r.status !== 200);
    assert.deepEqual(failedTokenRequests, [], 'no invalid_grant, so no reuse detection fired');
    assert.equal(counters.byGrant.refresh_token, ROUNDS, 'exactly one refresh per round');
    for (const window of windows) {
      assert.equal(window.ended.length, 0);
      const sessions = await window.service.getSessions();
      assert.equal(sessions.length, 1);
    }
    const [final] = await a.service.getSessions();
    assert.equal(await meStatus(env.dispatcher, env.sandbox.url, final.accessToken), 200, 'the chain is alive');
    assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
  });
});
