import assert from 'node:assert/strict';
import { MockAgent, type Interceptable } from 'undici';
import type { WaitInfo } from '../../../src/core/api/httpClient';
import { rawExchangeOf } from '../../../src/core/api/httpErrors';
import { BoomTownError, isBoomTownError, type ErrorReason } from '../../../src/core/shared/errors';
import { anErrorBody } from './helpers/builders';
import { makeClient, type TestClient } from './helpers/clients';
import { errorDetail } from '../../../src/core/shared/shownText';
import { liveMarkup } from '../helpers/liveMarkup';
import { abortSignalOf } from '../../../src/vscode/shared/abortSignal';

const ORIGIN = 'https://api.example.test';
const json = { 'content-type': 'application/json' };

/** The HTTP client against undici's MockAgent: what it sends, and what it makes of each kind of answer. */
describe('HttpClient (MockAgent)', () => {
  let agent: MockAgent;
  let pool: Interceptable;
  let client: TestClient;
  let seen: Array<Record<string, string>>;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    pool = agent.get(ORIGIN);
    client = makeClient(agent, ORIGIN);
    seen = [];
  });
  afterEach(async () => {
    await agent.close();
  });

  /** Queues one answer for GET /v1/me and records the request headers it was given. */
  function answer(status: number, body: unknown, headers: Record<string, string> = json) {
    pool.intercept({ path: '/v1/me', method: 'GET' }).reply((request) => {
      seen.push(Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])));
      return { statusCode: status, data: typeof body === 'string' ? body : JSON.stringify(body), responseOptions: { headers } };
    });
  }

  async function failure(promise: Promise<unknown>, reason: ErrorReason): Promise<BoomTownError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(isBoomTownError(error, reason), `expected ${reason}, got ${String(error)}`);
      return error;
    }
    assert.fail(`expected a ${reason} error`);
  }

  it('sends Accept, User-Agent and the bearer token; returns the JSON and a raw exchange without credentials', async () => {
    answer(200, { id: 'u_1' }, { ...json, 'set-cookie': 'sid=secret', 'x-ratelimit-remaining': '5' });
    const { json: body, raw } = await client.http.getJson('/v1/me');
    assert.deepEqual(body, { id: 'u_1' });
    assert.equal(seen[0].accept, 'application/json');
    assert.equal(seen[0]['user-agent'], 'boomtown-vscode/9.9.9-test');
    assert.equal(seen[0].authorization, 'Bearer token-1');
    assert.equal(raw.method, 'GET');
    assert.equal(raw.url, `${ORIGIN}/v1/me`);
    assert.equal(raw.status, 200);
    assert.equal(raw.attempts, 1);
    assert.ok(raw.durationMs >= 0);
    assert.equal(raw.headers['x-ratelimit-remaining'], '5');
    assert.equal(raw.headers['set-cookie'], undefined);
    assert.ok(!JSON.stringify(raw).includes('token-1'));
  });

  it('after a 401, refreshes once and retries with the new token', async () => {
    answer(401, anErrorBody('invalid_token', 'expired'), { ...json, 'www-authenticate': 'Bearer error="invalid_token"' });
    answer(200, { id: 'u_1' });
    const { raw } = await client.http.getJson('/v1/me');
    assert.equal(raw.status, 200);
    assert.equal(raw.attempts, 2);
    assert.deepEqual(client.tokens.refreshCalls, [{ sessionId: 'session-1', rejected: 'token-1' }]);
    assert.deepEqual(
      seen.map((headers) => headers.authorization),
      ['Bearer token-1', 'Bearer token-2'],
    );
  });

  it('a second 401 after the refresh means notSignedIn, without a second refresh', async () => {
    answer(401, anErrorBody('invalid_token', 'expired'));
    answer(401, anErrorBody('invalid_token', 'revoked'));
    const error = await failure(client.http.getJson('/v1/me'), 'notSignedIn');
    assert.equal(error.status, 401);
    assert.equal(client.tokens.refreshCalls.length, 1);
    // The session layer is told the renewed token was refused too, so it can end the session.
    assert.deepEqual(client.tokens.rejectedCalls, [{ sessionId: 'session-1', rejected: 'token-2' }]);
  });

  it('a refresh that ends the session ends the call with notSignedIn', async () => {
    client.tokens.refreshEndsSession = true;
    answer(401, anErrorBody('invalid_token', 'expired'));
    await failure(client.http.getJson('/v1/me'), 'notSignedIn');
    assert.equal(seen.length, 1);
  });

  it('no session: notSignedIn before any request', async () => {
    client.tokens.signedIn = false;
    await failure(client.http.getJson('/v1/me'), 'notSignedIn');
    assert.equal(seen.length, 0);
  });

  it('429 with Retry-After in seconds: reports the wait, waits it, retries', async () => {
    answer(429, anErrorBody('rate_limited', 'slow down'), { ...json, 'retry-after': '7' });
    answer(200, { id: 'u_1' });
    const waits: WaitInfo[] = [];
    const { raw } = await client.http.getJson('/v1/me', { onWait: (info) => waits.push(info) });
    assert.equal(raw.status, 200);
    assert.deepEqual(waits, [{ reason: 'rateLimited', seconds: 7, attempt: 1 }]);
    assert.deepEqual(client.sleeps, [7000]);
  });

  it('429 with Retry-After as an HTTP date: waits until then', async () => {
    const now = Date.parse('2026-09-01T12:00:00Z');
    client = makeClient(agent, ORIGIN, { clock: { now: () => now } });
    answer(429, anErrorBody('rate_limited', 'slow down'), { ...json, 'retry-after': 'Tue, 01 Sep 2026 12:00:20 GMT' });
    answer(200, { id: 'u_1' });
    const waits: WaitInfo[] = [];
    await client.http.getJson('/v1/me', { onWait: (info) => waits.push(info) });
    assert.deepEqual(waits, [{ reason: 'rateLimited', seconds: 20, attempt: 1 }]);
    assert.deepEqual(client.sleeps, [20_000]);
  });

  it('429 without Retry-After: waits the default', async () => {
    answer(429, anErrorBody('rate_limited', 'slow down'));
    answer(200, { id: 'u_1' });
    await client.http.getJson('/v1/me');
    assert.deepEqual(client.sleeps, [5000]);
  });

  it('429 asking for longer than the cap: rateLimited at once, with the wait it asked for', async () => {
    answer(429, anErrorBody('rate_limited', 'come back tomorrow'), { ...json, 'retry-after': '3600' });
    const error = await failure(client.http.getJson('/v1/me'), 'rateLimited');
    assert.equal(error.retryAfterSeconds, 3600);
    assert.equal(seen.length, 1, 'not retried');
  });

  it('429 asking for longer than the cap pauses every later call for the whole time, and says when requests resume', async () => {
    let now = Date.UTC(2026, 8, 1, 12, 0, 0);
    let reopen: () => void = () => undefined;
    const sleep = (ms: number) => (ms > 60_000 ? new Promise<void>((resolve) => (reopen = resolve)) : Promise.resolve());
    client = makeClient(agent, ORIGIN, { clock: { now: () => now }, sleep });
    answer(429, anErrorBody('rate_limited', 'slow down'), { ...json, 'retry-after': '120' });
    const first = await failure(client.http.getJson('/v1/me'), 'rateLimited');
    assert.match(first.message, /120 s; requests resume at /);
    now += 30_000;
    const later = await failure(client.http.getJson('/v1/me'), 'rateLimited');
    assert.equal(later.retryAfterSeconds, 90, 'the rest of the pause the server asked for');
    assert.equal(seen.length, 1, 'no request reached the server inside the pause');
    now += 90_000;
    reopen();
    await new Promise((resolve) => setImmediate(resolve));
    answer(200, { id: 'u_1' });
    assert.deepEqual((await client.http.getJson('/v1/me')).json, { id: 'u_1' });
  });

  it('429 again and again: rateLimited once the waits are used up', async () => {
    client = makeClient(agent, ORIGIN, { retry: { maxRateLimitRetries: 2 } });
    for (let i = 0; i < 3; i++) answer(429, anErrorBody('rate_limited', 'slow down'), { ...json, 'retry-after': '1' });
    await failure(client.http.getJson('/v1/me'), 'rateLimited');
    assert.equal(seen.length, 3);
    assert.deepEqual(client.sleeps, [1000, 1000, 1000], 'two waits, and the gate still honours the last Retry-After');
  });

  it('5xx then success: retried with growing, jittered backoff', async () => {
    answer(503, anErrorBody('server_error', 'busy'));
    answer(500, 'oops', { 'content-type': 'text/plain' });
    answer(200, { id: 'u_1' });
    const waits: WaitInfo[] = [];
    const { raw } = await client.http.getJson('/v1/me', { onWait: (info) => waits.push(info) });
    assert.equal(raw.attempts, 3);
    assert.deepEqual(client.sleeps, [375, 750]); // 500 ms base, random 0.5
    assert.deepEqual(
      waits.map((wait) => [wait.reason, wait.attempt]),
      [
        ['retry', 1],
        ['retry', 2],
      ],
    );
  });

  it('5xx every time: serverError after 3 retries (4 requests), keeping the last exchange', async () => {
    for (let i = 0; i < 4; i++) answer(502, anErrorBody('server_error', `bad gateway ${i}`));
    const error = await failure(client.http.getJson('/v1/me'), 'serverError');
    assert.equal(seen.length, 4);
    assert.equal(error.status, 502);
    assert.match(error.message, /bad gateway 3/);
    assert.equal(rawExchangeOf(error)?.attempts, 4);
  });

  it('a network error is retried like a 5xx', async () => {
    pool.intercept({ path: '/v1/me' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    answer(200, { id: 'u_1' });
    const { raw } = await client.http.getJson('/v1/me');
    assert.equal(raw.attempts, 2);
  });

  it('truncated JSON in a 200: malformedResponse, keeping the exchange', async () => {
    answer(200, '{"id": "u_1", "emai');
    const error = await failure(client.http.getJson('/v1/me'), 'malformedResponse');
    assert.equal(rawExchangeOf(error)?.bodyText, '{"id": "u_1", "emai');
  });

  it('HTML instead of JSON: malformedResponse naming HTML', async () => {
    answer(200, '<!doctype html><title>Sign in to the proxy</title>', { 'content-type': 'text/html' });
    const error = await failure(client.http.getJson('/v1/me'), 'malformedResponse');
    assert.match(error.message, /HTML/);
  });

  const statuses: Array<[status: number, reason: ErrorReason]> = [
    [400, 'badRequest'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [409, 'badRequest'],
    [501, 'serverError'],
    [302, 'malformedResponse'],
  ];
  for (const [status, reason] of statuses) {
    it(`HTTP ${status} -> ${reason}, not retried`, async () => {
      answer(status, anErrorBody('x', 'nope'));
      const error = await failure(client.http.getJson('/v1/me'), reason);
      assert.equal(error.status, status);
      assert.equal(error.serverCode, 'x');
      assert.equal(seen.length, 1);
    });
  }

  it("the server's error message is made one short line here, and inert where it is shown", async () => {
    const hostile = `[click](command:workbench.action.terminal.new) \u202Egnp.exe\u0007 ${'x'.repeat(5000)}`;
    answer(404, anErrorBody('not_found', hostile));
    const error = await failure(client.http.getJson('/v1/me'), 'notFound');
    assert.deepEqual(liveMarkup(errorDetail(error).text), []);
    assert.ok(!/[\u202e\u0007]/.test(error.message));
    assert.ok(error.message.length < 300);
  });

  it('cancelled while waiting out a 429: cancelled, and no further request', async () => {
    const controller = new AbortController();
    client = makeClient(agent, ORIGIN, {
      sleep: async (_ms, signal) => {
        controller.abort();
        if (signal?.aborted) throw new BoomTownError('cancelled', 'Cancelled.');
      },
    });
    answer(429, anErrorBody('rate_limited', 'slow down'), { ...json, 'retry-after': '30' });
    answer(200, { id: 'u_1' });
    await failure(client.http.getJson('/v1/me', { cancellation: controller.signal }), 'cancelled');
    assert.equal(seen.length, 1);
  });

  it('takes a vscode-style cancellation token turned into a signal by the adapter; already cancelled means no request at all', async () => {
    answer(200, { id: 'u_1' });
    const token = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) };
    await failure(client.http.getJson('/v1/me', { cancellation: abortSignalOf(token) }), 'cancelled');
    assert.equal(seen.length, 0);
  });
});
