import assert from 'node:assert/strict';
import { pages } from '../../../src/core/api/paging';
import { isBoomTownError, type ErrorReason } from '../../../src/core/shared/errors';
import { HOSTILE_LEAD_IDS } from '../../sandbox';
import { makeClient, recordingSleep, type TestClient } from './helpers/clients';
import { startSignedIn, type SandboxSession } from './helpers/sandboxSession';

/** The API client against the real sandbox over loopback HTTP: paging, auth, faults. */
describe('BoomTownApi against the sandbox', function () {
  this.timeout(15_000);
  let session: SandboxSession;
  let client: TestClient;
  /** Time for both the sandbox (token expiry) and the client. */
  let now: number;
  const clock = { now: () => now };

  async function begin(options: Parameters<typeof startSignedIn>[0] = {}, clientOverrides: Parameters<typeof makeClient>[2] = {}) {
    now = Date.parse('2026-09-01T12:00:00Z');
    session = await startSignedIn({ leads: 60, clock, ...options });
    client = makeClient(session.dispatcher, session.sandbox.url, { tokens: session.tokens, clock, ...clientOverrides });
  }
  afterEach(async () => {
    await session?.close();
  });

  async function allLeadIds(pageSize: number): Promise<{ ids: string[]; offsets: number[]; limits: number[] }> {
    const offsets: number[] = [];
    const limits: number[] = [];
    const ids: string[] = [];
    for await (const page of pages(async (offset) => (await client.api.listLeads({ limit: pageSize, offset })).data)) {
      offsets.push(page.offset);
      limits.push(page.limit);
      ids.push(...page.items.map((lead) => lead.id), ...page.malformed.map((entry) => `#${entry.index}`));
    }
    return { ids, offsets, limits };
  }

  async function expectFailure(promise: Promise<unknown>, reason: ErrorReason) {
    await assert.rejects(promise, (error) => isBoomTownError(error, reason) || assert.fail(`expected ${reason}, got ${String(error)}`));
  }

  for (const includeTotal of [true, false]) {
    it(`pages with the server's maximum (10) below the asked limit (25), ${includeTotal ? 'with' : 'without'} total`, async () => {
      await begin({ maxPageLimit: 10, includeTotal });
      const { ids, offsets, limits } = await allLeadIds(25);
      assert.equal(new Set(ids).size, 60);
      assert.ok(limits.every((limit) => limit === 10));
      // With total the walk stops at 60; without, it needs one empty page to see the end.
      assert.deepEqual(offsets, includeTotal ? [0, 10, 20, 30, 40, 50] : [0, 10, 20, 30, 40, 50, 60]);
    });
  }

  it('a lead of wrong types is shown as partial among the good ones; hostile text survives parsing', async () => {
    await begin();
    const { data } = await client.api.listLeads({ limit: 100, sort: 'lastName' });
    const wrong = data.items.find((lead) => lead.id === HOSTILE_LEAD_IDS.wrongTypes);
    assert.ok(wrong, 'the wrong-types lead is listed');
    assert.ok(wrong.warnings.length > 0);
    assert.equal(data.items.length + data.malformed.length, 60);
    assert.ok(data.items.some((lead) => lead.id === HOSTILE_LEAD_IDS.longText));
  });

  it('an expired access token: one refresh, then the call succeeds', async () => {
    await begin();
    session.sandbox.expireAccessTokens();
    const { data, raw } = await client.api.me();
    assert.ok(data.id);
    assert.equal(raw.attempts, 2);
    assert.equal(session.refreshes(), 1);
  });

  it('a token refused again after the refresh: notSignedIn', async () => {
    await begin({ faults: { expireTokensAfterSeconds: 0 } });
    await expectFailure(client.api.me(), 'notSignedIn');
    assert.equal(session.refreshes(), 1);
    assert.equal(session.sandbox.counters().byRoute['GET /v1/me'], 2);
  });

  it('no answer within the headers timeout: timeout, after the retries', async () => {
    // undici's header/body timers tick about once a second, so a 100 ms limit fires after ~1 s.
    await begin({ faults: { latencyMs: 5_000 } }, { timeouts: { headersMs: 100 }, retry: { maxRetries: 1 }, sleep: recordingSleep([]) });
    const started = Date.now();
    await expectFailure(client.api.me(), 'timeout');
    assert.ok(Date.now() - started < 4_500, 'gave up before the server answered');
  });

  it('403 and 404 from the sandbox become forbidden and notFound', async () => {
    await begin();
    await expectFailure(client.api.getLead('L-90403'), 'forbidden');
    await expectFailure(client.api.getLead('L-nope'), 'notFound');
  });
});
