import assert from 'node:assert/strict';
import { request } from 'undici';
import { isBoomTownError } from '../../../src/core/shared/errors';
import { NO_FAULTS } from '../../sandbox/index';
import { apiGet, authorizeUrl, headerOf, httpRequest, redirectParams, refresh, signIn, type SignInResult } from '../../sandbox/drivers/testClient';
import { useSandbox } from './helpers';

describe('sandbox faults', () => {
  const fixture = useSandbox(() => ({ autoApprove: true }));
  let session: SignInResult;
  const me = () => apiGet(fixture.url, '/v1/me', session.accessToken);
  beforeEach(async () => {
    session = await signIn(fixture.url);
  });

  it('latencyMs delays every answer in scope, not admin routes', async () => {
    fixture.sandbox.setFaults({ latencyMs: 150 });
    let started = performance.now();
    assert.equal((await me()).status, 200);
    assert.ok(performance.now() - started >= 140, 'API answer delayed');
    started = performance.now();
    await httpRequest(`${fixture.url}/admin/stats`);
    assert.ok(performance.now() - started < 100, 'admin not delayed');
  });

  describe('rateLimit', () => {
    it('429 with Retry-After (seconds) and X-RateLimit-Limit/Remaining/Reset, until the window passes', async () => {
      fixture.sandbox.setFaults({ rateLimit: { limit: 2, windowSeconds: 10 } });
      const first = await me();
      const second = await me();
      const third = await me();
      assert.deepEqual([first.status, second.status, third.status], [200, 200, 429]);
      assert.equal(headerOf(first, 'x-ratelimit-limit'), '2');
      assert.equal(headerOf(first, 'x-ratelimit-remaining'), '1');
      assert.equal(headerOf(second, 'x-ratelimit-remaining'), '0');
      assert.equal(headerOf(third, 'x-ratelimit-remaining'), '0');
      assert.equal(headerOf(third, 'retry-after'), '10');
      assert.equal(Number(headerOf(third, 'x-ratelimit-reset')), Math.ceil((fixture.clock.now + 10_000) / 1000));
      assert.equal(third.json.error.code, 'rate_limited');
      fixture.clock.tick(4_000);
      assert.equal(headerOf(await me(), 'retry-after'), '6');
      fixture.clock.tick(6_000);
      assert.equal((await me()).status, 200);
    });

    it('limit 0 is a storm: every request is answered 429, Retry-After the whole window', async () => {
      fixture.sandbox.setFaults({ rateLimit: { limit: 0, windowSeconds: 3 } });
      const answers = [await me(), await me()];
      fixture.clock.tick(5_000);
      answers.push(await me());
      assert.deepEqual(answers.map((answer) => answer.status), [429, 429, 429]);
      assert.deepEqual(answers.map((answer) => headerOf(answer, 'retry-after')), ['3', '3', '3']);
    });

    it('Retry-After as an HTTP date when asked', async () => {
      fixture.sandbox.setFaults({ rateLimit: { limit: 1, windowSeconds: 30, retryAfterFormat: 'http-date' } });
      await me();
      const limited = await me();
      assert.equal(limited.status, 429);
      assert.equal(Date.parse(headerOf(limited, 'retry-after') ?? ''), fixture.clock.now + 30_000);
    });
  });

  it('failEveryN: every Nth answer is 503, then 500, with server_error', async () => {
    fixture.sandbox.setFaults({ failEveryN: 3 });
    const statuses: number[] = [];
    for (let index = 0; index < 6; index++) {
      const answer = await me();
      statuses.push(answer.status);
      if (answer.status >= 500) assert.equal(answer.json.error.code, 'server_error');
    }
    assert.deepEqual(statuses, [200, 200, 503, 200, 200, 500]);
  });

  it('dropEveryN: every Nth connection is closed without an answer', async () => {
    fixture.sandbox.setFaults({ dropEveryN: 2 });
    assert.equal((await me()).status, 200);
    await assert.rejects(me());
    assert.equal((await me()).status, 200);
    assert.equal(fixture.sandbox.counters().byStatus.dropped, 1);
    assert.equal(fixture.sandbox.requests().at(-2)?.fault, 'drop');
  });

  it('slowBodyMs: headers at once, the body spread over that long', async () => {
    fixture.sandbox.setFaults({ slowBodyMs: 400 });
    const started = performance.now();
    const response = await request(`${fixture.url}/v1/leads?limit=50`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    const headersAfter = performance.now() - started;
    const body = (await response.body.json()) as { data: unknown[] };
    const bodyAfter = performance.now() - started;
    assert.equal(response.statusCode, 200);
    assert.equal(body.data.length, 50);
    // Only lower bounds on the server's own delays: a loaded machine makes everything later, never earlier.
    assert.ok(bodyAfter - headersAfter >= 300, `headers after ${headersAfter} ms, body after ${bodyAfter} ms`);
  });

  it('malformedJsonEveryN: 200 application/json that does not parse', async () => {
    fixture.sandbox.setFaults({ malformedJsonEveryN: 1 });
    const answer = await apiGet(fixture.url, '/v1/leads', session.accessToken);
    assert.equal(answer.status, 200);
    assert.match(headerOf(answer, 'content-type') ?? '', /^application\/json/);
    assert.throws(() => JSON.parse(answer.text));
  });

  it('htmlEveryN: 200 text/html (a proxy page) instead of JSON', async () => {
    fixture.sandbox.setFaults({ htmlEveryN: 2 });
    assert.match(headerOf(await me(), 'content-type') ?? '', /^application\/json/);
    const answer = await me();
    assert.equal(answer.status, 200);
    assert.match(headerOf(answer, 'content-type') ?? '', /^text\/html/);
    assert.match(answer.text, /<html>/);
  });

  it('expireTokensAfterSeconds: access tokens die early although expires_in said more', async () => {
    fixture.sandbox.setFaults({ expireTokensAfterSeconds: 30 });
    fixture.clock.tick(29_000);
    assert.equal((await me()).status, 200);
    fixture.clock.tick(1_000);
    const answer = await me();
    assert.equal(answer.status, 401);
    assert.match(headerOf(answer, 'www-authenticate') ?? '', /error="invalid_token"/);
    assert.equal((await refresh(fixture.url, session.refreshToken!)).json.expires_in, 3600);
  });

  describe('scope', () => {
    it("'api' (default): the token endpoint is not faulted", async () => {
      fixture.sandbox.setFaults({ failEveryN: 1 });
      assert.equal((await me()).status, 503);
      assert.equal((await refresh(fixture.url, session.refreshToken!)).status, 200);
    });

    it("'token': the token endpoint is faulted (OAuth error body), the API is not", async () => {
      fixture.sandbox.setFaults({ failEveryN: 1, scope: 'token' });
      const answer = await refresh(fixture.url, session.refreshToken!);
      assert.equal(answer.status, 503);
      assert.equal(answer.json.error, 'temporarily_unavailable');
      assert.equal((await me()).status, 200);
    });

    it("'all': authorize answers an injected failure as a redirect with error=server_error and state", async () => {
      fixture.sandbox.setFaults({ failEveryN: 1, scope: 'all' });
      const answer = await httpRequest(authorizeUrl(fixture.url, { state: 'st-9' }));
      assert.equal(answer.status, 302);
      const query = redirectParams(answer);
      assert.equal(query.get('error'), 'server_error');
      assert.equal(query.get('state'), 'st-9');
    });

    it("'all': an injected failure on an untrusted authorize request is a page, not a redirect", async () => {
      fixture.sandbox.setFaults({ failEveryN: 1, scope: 'all' });
      const answer = await httpRequest(authorizeUrl(fixture.url, { clientId: 'nobody' }));
      assert.equal(answer.status, 503);
      assert.equal(headerOf(answer, 'location'), undefined);
    });

    it("'token': a rate-limited token request is 429 with an OAuth error body", async () => {
      fixture.sandbox.setFaults({ rateLimit: { limit: 1, windowSeconds: 60 }, scope: 'token' });
      const first = await refresh(fixture.url, session.refreshToken!);
      const second = await refresh(fixture.url, first.json.refresh_token);
      assert.equal(second.status, 429);
      assert.equal(second.json.error, 'rate_limited');
      assert.equal(headerOf(second, 'retry-after'), '60');
    });
  });

  describe('a faulted token request never reached the server', () => {
    for (const fault of [{ failEveryN: 1 }, { dropEveryN: 1 }, { malformedJsonEveryN: 1 }, { htmlEveryN: 1 }, { rateLimit: { limit: 1, windowSeconds: 60 } }]) {
      it(`${Object.keys(fault)[0]}: the refresh token was not rotated, so presenting it again is not reuse`, async () => {
        fixture.sandbox.setFaults({ ...fault, scope: 'token' });
        if ('rateLimit' in fault) await httpRequest(`${fixture.url}/oauth/revoke`, { method: 'POST' }); // use up the window
        const faulted = await refresh(fixture.url, session.refreshToken!).catch(() => undefined);
        assert.notEqual(faulted?.status === 200 && faulted.json?.access_token, true);
        fixture.sandbox.setFaults(NO_FAULTS);
        const retried = await refresh(fixture.url, session.refreshToken!);
        assert.equal(retried.status, 200);
        assert.equal((await apiGet(fixture.url, '/v1/me', retried.json.access_token)).status, 200);
      });
    }
  });

  it('setFaults restarts the count: the Nth request after it is the faulted one', async () => {
    fixture.sandbox.setFaults({ failEveryN: 2 });
    await me();
    fixture.sandbox.setFaults({ failEveryN: 2 });
    assert.equal((await me()).status, 200);
    assert.equal((await me()).status, 503);
  });

  it('refuses bad fault values with a typed error and keeps the old ones', async () => {
    fixture.sandbox.setFaults({ failEveryN: 2 });
    for (const bad of [{ failEveryN: -1 }, { latencyMs: 1.5 }, { scope: 'everything' }, { rateLimit: { limit: -1, windowSeconds: 1 } }, { nonsense: 1 }]) {
      assert.throws(() => fixture.sandbox.setFaults(bad as never), (error) => isBoomTownError(error, 'badInput'));
    }
    assert.deepEqual([(await me()).status, (await me()).status], [200, 503]);
  });
});
