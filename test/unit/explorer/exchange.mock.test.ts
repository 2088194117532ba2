import assert from 'node:assert/strict';
import { MockAgent, type Interceptable } from 'undici';
import { isBoomTownError, type BoomTownError } from '../../../src/core/shared/errors';
import { makeClient, type TestClient } from '../api/helpers/clients';

const ORIGIN = 'https://api.example.test';

/** HttpClient.exchange, the request-file path of the API client, against undici's MockAgent. */
describe('HttpClient.exchange (MockAgent)', () => {
  let agent: MockAgent;
  let pool: Interceptable;
  let client: TestClient;
  let seen: Array<{ method: string; headers: Record<string, string>; body: string }>;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    pool = agent.get(ORIGIN);
    client = makeClient(agent, ORIGIN);
    seen = [];
  });
  afterEach(async () => agent.close());

  function answer(method: string, status: number, headers: Record<string, string> = {}, times = 1) {
    pool
      .intercept({ path: '/v1/x', method })
      .reply((request) => {
        seen.push({ method: request.method, headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])), body: String(request.body ?? '') });
        return { statusCode: status, data: '{"ok": true}', responseOptions: { headers: { 'content-type': 'application/json', ...headers } } };
      })
      .times(times);
  }

  it('sends method, written headers and body, with Accept, User-Agent and the bearer', async () => {
    answer('PATCH', 200);
    const raw = await client.http.exchange({ method: 'PATCH', url: `${ORIGIN}/v1/x`, headers: [['Content-Type', 'application/json'], ['X-A', '1']], body: '{"a":1}' });
    assert.equal(raw.status, 200);
    assert.equal(seen[0].headers.authorization, 'Bearer token-1');
    assert.equal(seen[0].headers['content-type'], 'application/json');
    assert.equal(seen[0].headers['x-a'], '1');
    assert.equal(seen[0].headers.accept, 'application/json');
    assert.equal(seen[0].body, '{"a":1}');
  });

  it('returns error answers as they came instead of throwing', async () => {
    answer('DELETE', 404);
    assert.equal((await client.http.exchange({ method: 'DELETE', url: `${ORIGIN}/v1/x` })).status, 404);
  });

  it('a second 401 ends the session and shows that 401', async () => {
    answer('GET', 401, {}, 2);
    const raw = await client.http.exchange({ method: 'GET', url: `${ORIGIN}/v1/x` });
    assert.equal(raw.status, 401);
    assert.equal(client.tokens.rejectedCalls.length, 1);
  });

  it('a request with its own Authorization gets no session token and no refresh', async () => {
    answer('GET', 401);
    const raw = await client.http.exchange({ method: 'GET', url: `${ORIGIN}/v1/x`, headers: [['Authorization', 'Basic abc']], ownAuthorization: true });
    assert.equal(raw.status, 401);
    assert.equal(seen[0].headers.authorization, 'Basic abc');
    assert.equal(client.tokens.refreshCalls.length, 0);
  });

  it('retries a 5xx for idempotent methods, not for POST (it may have been applied)', async () => {
    answer('PUT', 503);
    answer('PUT', 200);
    assert.equal((await client.http.exchange({ method: 'PUT', url: `${ORIGIN}/v1/x` })).status, 200);
    answer('POST', 503);
    assert.equal((await client.http.exchange({ method: 'POST', url: `${ORIGIN}/v1/x` })).status, 503);
    assert.equal(seen.length, 3);
  });

  it('a 429 beyond the cap is shown as it came, then every request is refused until the pause is over', async () => {
    let now = Date.UTC(2026, 8, 1, 12, 0, 0);
    // The long pause never ends inside the test; short waits pass at once.
    const sleep = (ms: number) => (ms > 60_000 ? new Promise<void>(() => undefined) : Promise.resolve());
    client = makeClient(agent, ORIGIN, { clock: { now: () => now }, sleep });
    answer('POST', 429, { 'retry-after': '120' });
    assert.equal((await client.http.exchange({ method: 'POST', url: `${ORIGIN}/v1/x` })).status, 429);
    now += 30_000;
    const refused = (error: unknown) => isBoomTownError(error, 'rateLimited') && (error as BoomTownError).retryAfterSeconds === 90;
    await assert.rejects(client.http.exchange({ method: 'GET', url: `${ORIGIN}/v1/x` }), refused);
    await assert.rejects(client.http.getJson('/v1/x'), refused, 'one gate for both ways of reading');
    assert.equal(seen.length, 1, 'no request reached the server inside the pause');
  });
});
