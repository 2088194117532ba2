import assert from 'node:assert/strict';
import { ChatTools } from '../../../src/constants';
import { ChatToolRunner } from '../../../src/core/chat/chatToolRunner';
import { SIGN_IN_HINT } from '../../../src/core/shared/failures';
import { outsideQuotedData } from '../../support/quotedData';
import type { Sleep } from '../../../src/core/shared/cancellation';
import { isBoomTownError } from '../../../src/core/shared/errors';
import { Redactor } from '../../../src/core/shared/redact';
import { FOREIGN_TEAM_LEAD_ID, HOSTILE_LEAD_IDS } from '../../sandbox';
import { makeClient, type TestClient } from '../api/helpers/clients';
import { toolInputRules } from '../../../src/core/chat/toolInputs';
import { builtInInputRules, contractWithLeadsParameter } from './helpers/builders';
import { startSignedIn, type SandboxSession } from '../api/helpers/sandboxSession';

/** The four tools' core against the real sandbox over loopback HTTP, through the real API client. */
describe('chat tools against the sandbox', function () {
  this.timeout(15_000);
  let session: SandboxSession;
  let client: TestClient;
  let runner: ChatToolRunner;
  let redactor: Redactor;
  let now: number;
  const clock = { now: () => now };
  const advancingSleep: Sleep = async (ms) => {
    now += ms;
  };

  before(async () => {
    now = Date.parse('2026-11-01T12:00:00Z');
    session = await startSignedIn({ leads: 120, clock });
    client = makeClient(session.dispatcher, session.sandbox.url, { tokens: session.tokens as never, clock, sleep: advancingSleep });
    redactor = new Redactor();
    const token = (await session.tokens.getAccessToken()).accessToken;
    redactor.add(token);
    runner = new ChatToolRunner({ api: client.api, apiUrl: () => session.sandbox.url, inputRules: builtInInputRules, redactKnown: (text) => redactor.redactKnown(text) });
  });
  after(async () => session?.close());
  afterEach(() => session.sandbox.setFaults({ rateLimit: null, failEveryN: 0, latencyMs: 0, expireTokensAfterSeconds: null }));

  async function token(): Promise<string> {
    return (await session.tokens.getAccessToken()).accessToken;
  }

  it('searches leads, newest activity first, with a paging hint and no token', async () => {
    const answer = await runner.run(ChatTools.searchLeads, { limit: 5 });
    assert.match(answer, /Showing leads 1–5 of \d+/);
    assert.match(answer, /more leads available: .*offset=5/);
    const ids = [...answer.matchAll(/"id":"(L-\d+)"/g)].map((m) => m[1]);
    assert.equal(ids.length, 5);
    const dates = [...answer.matchAll(/"lastActivityAt":"([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest activity first');
    assert.ok(!answer.includes(await token()));
  });

  it('filters by stage', async () => {
    const answer = await runner.run(ChatTools.searchLeads, { stage: 'under_contract', limit: 50 });
    const stages = new Set([...answer.matchAll(/"stage":"([^"]+)"/g)].map((m) => m[1]));
    assert.deepEqual([...stages], ['under_contract']);
  });

  for (const kind of ['markup', 'controlCharacters', 'rightToLeft', 'longText', 'wrongTypes', 'missingFields'] as const) {
    it(`reads the hostile lead "${kind}" with its notes: BoomTown text only inside the quoted block`, async () => {
      const id = HOSTILE_LEAD_IDS[kind];
      const answer = await runner.run(ChatTools.getLead, { id });
      assert.match(answer, /"recentNotes"/);
      const outside = outsideQuotedData(answer);
      assert.doesNotMatch(outside, /<script|onerror|command:|\u202E|\u001b|\u0000|looking for a quiet place/);
      assert.doesNotMatch(answer, /[\u0000-\u0008\u001b\u202a-\u202e]/);
      assert.ok(answer.length < 16_000, `${answer.length} chars`);
      if (kind === 'markup') assert.ok(answer.includes("<script>alert('xss')</script>"), 'markup kept as quoted text');
    });
  }

  it('lists agents and follows an apiGet under /v1/', async () => {
    assert.match(await runner.run(ChatTools.listAgents, {}), /"id":"A-1"/);
    const answer = await runner.run(ChatTools.apiGet, { path: '/v1/leads/L-10001/events?limit=2' });
    assert.match(answer, /Answer of GET "\/v1\/leads\/L-10001\/events\?limit=2"/);
    assert.match(answer, /"_metadata"/);
  });

  it('refuses foreign paths without sending anything', async () => {
    session.sandbox.resetCounters();
    for (const path of [`http://127.0.0.9/v1/leads`, '/v1/../oauth/token', 'POST /v1/leads']) {
      assert.match(await runner.run(ChatTools.apiGet, { path }), /^The request was refused before it was sent: /);
    }
    assert.equal(session.sandbox.counters().total, 0);
  });

  it('checks the input against the contract it was given: another stage list is another tool', async () => {
    const otherStages = toolInputRules(await contractWithLeadsParameter('stage', { enum: ['hot', 'cold'] }));
    const otherRunner = new ChatToolRunner({ api: client.api, apiUrl: () => session.sandbox.url, inputRules: async () => otherStages, redactKnown: (text) => redactor.redactKnown(text) });
    session.sandbox.resetCounters();
    assert.match(await otherRunner.run(ChatTools.searchLeads, { stage: 'under_contract' }), /refused before it was sent: "stage" must be one of: hot, cold/);
    assert.equal(session.sandbox.counters().total, 0);
  });

  const failures: Array<{ name: string; call: [string, unknown]; faults?: Record<string, unknown>; primed?: boolean; expected: RegExp }> = [
    { name: '403 of another team\'s lead', call: [ChatTools.getLead, { id: FOREIGN_TEAM_LEAD_ID }], expected: /refused access \(HTTP 403\).*Do not retry/ },
    { name: '404 of a missing lead', call: [ChatTools.getLead, { id: 'L-999999' }], expected: /no such item \(HTTP 404\).*boomtown_searchLeads/ },
    { name: '429 longer than the client waits', call: [ChatTools.searchLeads, {}], faults: { rateLimit: { limit: 1, windowSeconds: 600 } }, primed: true, expected: /rate limiting requests \(HTTP 429\)\. Wait \d+ seconds/ },
    { name: '5xx after the retries', call: [ChatTools.listAgents, {}], faults: { failEveryN: 1 }, expected: /had a problem answering \(HTTP 50\d\), even after retrying/ },
    { name: 'a bad input', call: [ChatTools.searchLeads, { limit: 500 }], expected: /refused before it was sent: "limit" must be between 1 and 50/ },
  ];
  for (const { name, call, faults, primed, expected } of failures) {
    it(`answers ${name} with a short text`, async () => {
      if (faults) session.sandbox.setFaults(faults);
      // The rate-limit window starts with room for one request: use it up first.
      if (primed) await runner.run(ChatTools.listAgents, {});
      const answer = await runner.run(call[0] as never, call[1]);
      assert.match(answer, expected);
      assert.ok(answer.length < 400, answer);
      assert.ok(!answer.includes(await token()));
    });
  }

  it('honours cancellation: no answer, a cancelled error', async () => {
    session.sandbox.setFaults({ latencyMs: 2_000 });
    const controller = new AbortController();
    const pending = runner.run(ChatTools.searchLeads, {}, { cancellation: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await assert.rejects(pending, (error) => isBoomTownError(error, 'cancelled'));
    assert.ok(Date.now() - started < 1_500, 'ended at once');
  });

  it('answers a 401 after the refresh, then "not signed in", with how to sign in', async () => {
    session.sandbox.setFaults({ expireTokensAfterSeconds: 0 });
    const ended = await runner.run(ChatTools.searchLeads, {});
    assert.match(ended, /no longer accepts this session/);
    assert.ok(ended.includes(SIGN_IN_HINT));
    // The test token source keeps handing out its token; the real one (getSession silent) says "not signed in".
    client.tokens.signedIn = false;
    const signedOut = await new ChatToolRunner({ api: makeClient(session.dispatcher, session.sandbox.url, { tokens: client.tokens }).api, apiUrl: () => session.sandbox.url, inputRules: builtInInputRules, redactKnown: (t) => t }).run(ChatTools.getLead, { id: 'L-10001' });
    assert.match(signedOut, /^Not signed in to BoomTown/);
    assert.match(signedOut, /"BoomTown: Sign In"/);
  });
});
