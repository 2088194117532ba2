import assert from 'node:assert/strict';
import { apiGet, httpRequest, refresh, signIn } from '../../sandbox/drivers/testClient';
import { useSandbox } from './helpers';

const postJson = (url: string, body: unknown) =>
  httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('sandbox counters and request log', () => {
  const logLines: string[] = [];
  const fixture = useSandbox(() => ({ autoApprove: true, log: (line) => logLines.push(line) }));
  beforeEach(() => {
    logLines.length = 0;
  });

  it('counts by route template, grant type and status; admin calls are not counted', async () => {
    const session = await signIn(fixture.url);
    await refresh(fixture.url, session.refreshToken!);
    await refresh(fixture.url, session.refreshToken!); // reuse: 400, and the chain is revoked
    await apiGet(fixture.url, '/v1/leads/L-10001', session.accessToken);
    await apiGet(fixture.url, '/v1/leads/L-10002/notes', session.accessToken);
    await httpRequest(`${fixture.url}/admin/stats`);
    assert.deepEqual(fixture.sandbox.counters(), {
      total: 6,
      byRoute: {
        'GET /oauth/authorize': 1,
        'POST /oauth/token': 3,
        'GET /v1/leads/{id}': 1,
        'GET /v1/leads/{id}/notes': 1,
      },
      byGrant: { authorization_code: 1, refresh_token: 2 },
      byStatus: { '302': 1, '200': 2, '400': 1, '401': 2 },
    });
  });

  it('records recent requests without query strings', async () => {
    const session = await signIn(fixture.url);
    await apiGet(fixture.url, '/v1/leads?limit=3&q=ada', session.accessToken);
    const records = fixture.sandbox.requests();
    assert.deepEqual(
      records.map(({ method, route, path, status, grantType }) => ({ method, route, path, status, grantType })),
      [
        { method: 'GET', route: '/oauth/authorize', path: '/oauth/authorize', status: 302, grantType: undefined },
        { method: 'POST', route: '/oauth/token', path: '/oauth/token', status: 200, grantType: 'authorization_code' },
        { method: 'GET', route: '/v1/leads', path: '/v1/leads', status: 200, grantType: undefined },
      ],
    );
    for (const record of records) {
      assert.equal(typeof record.ms, 'number');
      assert.ok(!Number.isNaN(Date.parse(record.at)));
    }
  });

  it('logs one line per request (method, path without query, status, ms) and never a code or token', async () => {
    const session = await signIn(fixture.url);
    await apiGet(fixture.url, '/v1/me', session.accessToken);
    assert.equal(logLines.length, 3);
    assert.match(logLines[0], /^GET \/oauth\/authorize 302 \d+ms$/);
    assert.match(logLines[1], /^POST \/oauth\/token 200 \d+ms$/);
    assert.match(logLines[2], /^GET \/v1\/me 200 \d+ms$/);
    const all = logLines.join('\n');
    for (const secret of [session.code, session.accessToken, session.refreshToken!, 'bt_']) assert.ok(!all.includes(secret));
  });

  it('resetCounters() starts again from zero', async () => {
    await signIn(fixture.url);
    fixture.sandbox.resetCounters();
    assert.deepEqual(fixture.sandbox.counters(), { total: 0, byRoute: {}, byGrant: {}, byStatus: {} });
    assert.deepEqual(fixture.sandbox.requests(), []);
  });
});

describe('sandbox /admin routes', () => {
  const fixture = useSandbox(() => ({ autoApprove: true }));

  it('GET /admin/stats and /admin/requests mirror counters() and requests(); POST /admin/reset clears them', async () => {
    await signIn(fixture.url);
    const stats = await httpRequest(`${fixture.url}/admin/stats`);
    assert.deepEqual(stats.json, fixture.sandbox.counters());
    assert.equal(stats.json.total, 2);
    const requests = await httpRequest(`${fixture.url}/admin/requests`);
    assert.deepEqual(requests.json.requests, fixture.sandbox.requests());
    const reset = await postJson(`${fixture.url}/admin/reset`, {});
    assert.equal(reset.status, 200);
    assert.equal(fixture.sandbox.counters().total, 0);
  });

  it('POST /admin/faults sets faults; GET /admin/faults shows them; admin routes are never faulted', async () => {
    const session = await signIn(fixture.url);
    const answer = await postJson(`${fixture.url}/admin/faults`, { failEveryN: 1, scope: 'all' });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.failEveryN, 1);
    assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 503);
    assert.equal((await httpRequest(`${fixture.url}/admin/faults`)).json.scope, 'all');
    assert.equal((await postJson(`${fixture.url}/admin/faults`, { failEveryN: 0 })).status, 200);
    assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 200);
  });

  it('POST /admin/options changes live options', async () => {
    const session = await signIn(fixture.url);
    const answer = await postJson(`${fixture.url}/admin/options`, { maxPageLimit: 5, includeTotal: false });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.maxPageLimit, 5);
    const page = await apiGet(fixture.url, '/v1/leads?limit=50', session.accessToken);
    assert.deepEqual(page.json._metadata, { offset: 0, limit: 5 });
    assert.equal((await httpRequest(`${fixture.url}/admin/options`)).json.includeTotal, false);
  });

  it('POST /admin/expire-tokens makes every access token answer 401', async () => {
    const session = await signIn(fixture.url);
    assert.equal((await postJson(`${fixture.url}/admin/expire-tokens`, {})).status, 200);
    assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 401);
  });

  const refused: Array<[string, string, unknown]> = [
    ['/admin/faults', 'not JSON', '{'],
    ['/admin/faults', 'an array', '[]'],
    ['/admin/faults', 'a bad value', { latencyMs: -5 }],
    ['/admin/faults', 'an unknown fault', { explode: true }],
    ['/admin/options', 'a read-only option', { port: 1 }],
    ['/admin/options', 'a bad value', { maxPageLimit: 0 }],
    ['/admin/options', 'an unknown autoApprove user', { autoApprove: 'nobody' }],
  ];
  for (const [path, what, body] of refused) {
    it(`POST ${path} refuses ${what} with 400 bad_request`, async () => {
      const answer = await postJson(`${fixture.url}${path}`, body);
      assert.equal(answer.status, 400);
      assert.equal(answer.json.error.code, 'bad_request');
    });
  }
});
