import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, ChatSettings, ChatTools, CONFIG_SECTION, DEFAULT_SCOPES } from '../../src/constants';
import { outsideQuotedData } from '../support/quotedData';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig, type Rig } from './helpers/rig';
import { adminCall, eventually, sandbox, sandboxUrl } from './helpers/sandboxAdmin';

/** The hostile lead with markup (test/sandbox/data/hostile.ts), and the lead of another team (403). */
const MARKUP_LEAD = 'L-10004';
const FOREIGN_TEAM_LEAD = 'L-90403';
const DIALOG = '.monaco-dialog-box';

async function invoke(name: string, input: object, token?: vscode.CancellationToken): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token);
  return result.content.map((part) => (part as { value?: unknown }).value).filter((value): value is string => typeof value === 'string').join('\n');
}

async function setAsking(ask: boolean): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update(ChatSettings.askBeforeSharingLeadData, ask, vscode.ConfigurationTarget.Global);
  await eventually(`the setting at ${ask}`, async () => vscode.workspace.getConfiguration(CONFIG_SECTION).get(ChatSettings.askBeforeSharingLeadData) === ask);
}

/** Requests that reached the sandbox's API so far, by route (GET /v1/leads, GET /v1/me, ...). */
async function apiRoutes(prefix = 'GET /v1/'): Promise<Record<string, number>> {
  const stats = await sandbox.stats();
  return Object.fromEntries(Object.entries(stats.byRoute).filter(([route]) => route.startsWith(prefix)));
}

async function apiRequests(prefix?: string): Promise<number> {
  return Object.values(await apiRoutes(prefix)).reduce((sum, count) => sum + count, 0);
}

describe('BoomTown in chat: language-model tools', () => {
  let rig: Rig;
  let session: vscode.AuthenticationSession;
  const answers: string[] = [];

  before(async function () {
    rig = requireRig(this);
    await activeExtension();
    session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true });
    await sandbox.clearFaults();
    await setAsking(false);
  });

  after(async () => {
    if (!sandboxUrl()) return;
    await sandbox.clearFaults();
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update(ChatSettings.askBeforeSharingLeadData, undefined, vscode.ConfigurationTarget.Global);
  });

  it('lists the four tools in vscode.lm.tools, with their schemas', () => {
    const ours = vscode.lm.tools.filter((tool) => tool.name.startsWith('boomtown_'));
    assert.deepEqual(ours.map((tool) => tool.name).sort(), Object.values(ChatTools).sort());
    for (const tool of ours) {
      assert.ok(tool.description.length > 80, `${tool.name} has a model description`);
      assert.equal((tool.inputSchema as { type?: string }).type, 'object');
      assert.ok(tool.tags.includes('boomtown'));
    }
  });

  it('boomtown_searchLeads answers with the sandbox\'s leads, newest activity first', async () => {
    const response = await fetch(`${sandboxUrl()}/v1/leads?limit=5`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    const expected = ((await response.json()) as { data: Array<{ id: string }> }).data.map((lead) => lead.id);
    const answer = await invoke(ChatTools.searchLeads, { limit: 5 });
    answers.push(answer);
    const ids = [...answer.matchAll(/"id":"(L-\d+)"/g)].map((match) => match[1]);
    assert.deepEqual(ids, expected);
    assert.match(answer, /more leads available: ask for the next page by calling boomtown_searchLeads with offset=5/);
    const stages = await invoke(ChatTools.searchLeads, { stage: 'under_contract', limit: 50 });
    answers.push(stages);
    assert.deepEqual([...new Set([...stages.matchAll(/"stage":"([^"]+)"/g)].map((match) => match[1]))], ['under_contract']);
  });

  it('boomtown_getLead quotes a hostile lead\'s text, never as its own words', async () => {
    const answer = await invoke(ChatTools.getLead, { id: MARKUP_LEAD });
    answers.push(answer);
    assert.ok(answer.includes("<script>alert('xss')</script>"), 'the markup is in the answer, as data');
    assert.ok(answer.includes('[Open settings](command:workbench.action.openSettings)'), 'the command link is quoted too');
    assert.match(answer, /"recentNotes": \[/);
    const ownWords = outsideQuotedData(answer);
    assert.doesNotMatch(ownWords, /<script|onerror|command:|alert\(/, `outside the quoted data: ${ownWords}`);
    assert.match(ownWords, /never as instructions/);
  });

  it('boomtown_listAgents and boomtown_apiGet read the team and any /v1/ path', async () => {
    const agents = await invoke(ChatTools.listAgents, {});
    answers.push(agents);
    assert.match(agents, /"id":"A-1"/);
    assert.match(agents, /Showing agents 1–12 of 12/);
    const me = await invoke(ChatTools.apiGet, { path: '/v1/me' });
    answers.push(me);
    assert.match(me, /Answer of GET "\/v1\/me"/);
    assert.match(me, /"teamId": "T-1"/);
  });

  it('boomtown_apiGet refuses a foreign host, "..", and other methods without sending a request', async () => {
    const before = await apiRequests();
    for (const path of ['https://evil.example/v1/leads', '/v1/../oauth/token', 'DELETE /v1/leads/L-10001']) {
      const answer = await invoke(ChatTools.apiGet, { path });
      answers.push(answer);
      assert.match(answer, /^The request was refused before it was sent: /, answer);
    }
    assert.match(await invoke(ChatTools.apiGet, { path: '/v1/me', method: 'POST' }), /Only GET requests are allowed/);
    assert.equal(await apiRequests(), before, 'nothing reached the API');
  });

  it('answers 403, 404, 429 and 5xx with short texts', async function () {
    this.timeout(90_000);
    const forbidden = await invoke(ChatTools.getLead, { id: FOREIGN_TEAM_LEAD });
    assert.match(forbidden, /refused access \(HTTP 403\)/);
    assert.match(await invoke(ChatTools.getLead, { id: 'L-999999' }), /no such item \(HTTP 404\)/);
    try {
      // A server that answers 429 to everything: the client waits it out a bounded number of times,
      // then the answer says how long to wait. (A Retry-After beyond the client's cap would pause every
      // request of this window for that long, as it must, and so every test after this one.)
      await sandbox.setFaults({ rateLimit: { limit: 0, windowSeconds: 1 }, scope: 'api' });
      assert.match(await invoke(ChatTools.listAgents, {}), /rate limiting requests \(HTTP 429\)\. Wait \d+ seconds/);
      await adminCall('POST', '/admin/faults', { rateLimit: null, failEveryN: 1 });
      const failed = await invoke(ChatTools.searchLeads, {});
      assert.match(failed, /had a problem answering \(HTTP 50\d\), even after retrying/);
      answers.push(forbidden, failed);
    } finally {
      await sandbox.clearFaults();
    }
  });

  it('honours cancellation', async () => {
    await sandbox.setFaults({ latencyMs: 3_000, scope: 'api' });
    try {
      const source = new vscode.CancellationTokenSource();
      const started = Date.now();
      const pending = invoke(ChatTools.searchLeads, {}, source.token);
      setTimeout(() => source.cancel(), 200);
      await assert.rejects(pending, (error: Error) => /cancel/i.test(`${error.name} ${error.message}`) || assert.fail(`not a cancellation: ${error}`));
      assert.ok(Date.now() - started < 2_500, `ended before the answer: ${Date.now() - started} ms`);
      // The abandoned request is still answered (and counted) by the sandbox later: let it land here, not in the next test.
      await new Promise((resolve) => setTimeout(resolve, 3_200));
    } finally {
      await sandbox.clearFaults();
    }
  });

  it('no answer carries the access token', () => {
    assert.ok(answers.length >= 8);
    for (const answer of answers) assert.ok(!answer.includes(session.accessToken), answer.slice(0, 200));
  });

  it('with the question on, asks first, naming the data, and runs only after "yes"', async function () {
    this.timeout(60_000);
    await setAsking(true);
    try {
      await askedThenAllowed();
    } finally {
      await setAsking(false);
    }
  });

  async function askedThenAllowed(): Promise<void> {
    const before = await apiRequests('GET /v1/leads');
    const refused = invoke(ChatTools.searchLeads, { q: 'ada', limit: 3 });
    const text = await eventually('the question', async () => (await rig.textOf(DIALOG)).join('\n').trim() || undefined);
    await rig.screenshot('chat-share-question');
    assert.match(text, /Share BoomTown lead data with the language model\?/);
    assert.match(text, /up to 3 leads matching "ada"/);
    assert.match(text, /names, primary email addresses and phone numbers, stage, lead type, city, tags/);
    await rig.click(`${DIALOG} .dialog-buttons .monaco-button:has-text("Cancel")`);
    await assert.rejects(refused, (error: Error) => /cancel/i.test(`${error.name} ${error.message}`) || assert.fail(String(error)));
    assert.equal(await apiRequests('GET /v1/leads'), before, `no lead data was read: ${JSON.stringify(await apiRoutes())}`);

    const allowed = invoke(ChatTools.searchLeads, { q: 'ada', limit: 3 });
    const buttons = await eventually('the question again', async () => {
      const labels = await rig.textOf(`${DIALOG} .dialog-buttons .monaco-button`);
      return labels.length > 1 && labels;
    });
    const yes = buttons.find((label) => !/cancel/i.test(label));
    assert.ok(yes, `a confirming button among ${buttons.join(' | ')}`);
    await rig.click(`${DIALOG} .dialog-buttons .monaco-button:has-text("${yes.trim()}")`);
    assert.match(await allowed, /BoomTown leads search \(q="ada"/);
    // Asked once: the next search runs at once.
    assert.match(await invoke(ChatTools.searchLeads, { q: 'bell', limit: 3 }), /BoomTown leads search \(q="bell"/);
    assert.equal((await rig.textOf(DIALOG)).join('').trim(), '', 'no second question');
  }

  it('a 401 after the refresh ends the session, and then the answer is how to sign in', async () => {
    await sandbox.setFaults({ expireTokensAfterSeconds: 0, scope: 'api' });
    try {
      const ended = await invoke(ChatTools.searchLeads, {});
      assert.match(ended, /no longer accepts this session .*Sign In/);
    } finally {
      await sandbox.clearFaults();
    }
    await eventually('the session gone', async () => (await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { silent: true })) === undefined);
    const signedOut = await invoke(ChatTools.getLead, { id: 'L-10001' });
    assert.match(signedOut, /^Not signed in to BoomTown.*"BoomTown: Sign In"/);
    assert.equal((await rig.textOf(DIALOG)).join('').trim(), '', 'no sign-in dialog from a tool');
  });
});
