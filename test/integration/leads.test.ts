import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, Commands, DEFAULT_SCOPES } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig, type Rig } from './helpers/rig';
import { adminCall, eventually, sandbox, sandboxUrl } from './helpers/sandboxAdmin';

/** The rendered rows of the BoomTown leads view, as the browser shows them. */
// The Leads pane's rows only: the side bar's other views (Request History, Endpoints) have rows too.
const LEAD_ROWS = '[id="workbench.view.extension.boomtown"] .pane:has(.pane-header:has-text("Leads")) .monaco-list-row';
const ROW_LABELS = `${LEAD_ROWS} .label-name`;

interface LeadsPage {
  data: Array<{ id: string; firstName?: string | null; lastName?: string | null }>;
}

/** The first names the sandbox itself lists, read with the session's token: what the tree must show. */
async function sandboxLeads(session: vscode.AuthenticationSession, offset: number, limit: number): Promise<LeadsPage['data']> {
  const response = await fetch(`${sandboxUrl()}/v1/leads?limit=${limit}&offset=${offset}`, {
    headers: { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' },
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as LeadsPage).data;
}

function displayName(lead: LeadsPage['data'][number]): string {
  return [lead.firstName, lead.lastName].filter((part) => typeof part === 'string' && part.trim()).join(' ');
}

async function renderedLabels(rig: Rig, atLeast: number): Promise<string[]> {
  return eventually(`${atLeast} rendered lead rows`, async () => {
    const labels = await rig.textOf(ROW_LABELS);
    return labels.length >= atLeast && labels;
  });
}

describe('leads in the web workbench', () => {
  let rig: Rig;
  let session: vscode.AuthenticationSession;

  before(async function () {
    rig = requireRig(this);
    await activeExtension();
    // The rig's browser approves the consent page if this window is not signed in yet.
    session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true });
    await sandbox.clearFaults();
  });

  after(async () => {
    if (sandboxUrl()) await sandbox.clearFaults();
  });

  it('"Fetch Leads" fills the tree with the sandbox\'s first page', async () => {
    const expected = (await sandboxLeads(session, 0, 5)).map(displayName).filter(Boolean);
    await sandbox.reset();
    await vscode.commands.executeCommand(Commands.fetchLeads);
    const labels = await renderedLabels(rig, 5);
    // The first rows are the sandbox's first leads, by name, in the server's order.
    for (const name of expected.slice(0, 3)) assert.ok(labels.some((label) => label.startsWith(name.slice(0, 20))), `row for ${name} in ${labels.join(' | ')}`);
    const requests = await adminCall<{ requests: Array<{ route: string; path: string; status: number }> }>('GET', '/admin/requests');
    assert.equal((await sandbox.stats()).byRoute['GET /v1/leads'], 1, `one request for the first page: ${JSON.stringify(requests.requests.slice(-6))}`);
    await rig.screenshot('leads-tree');
  });

  it('"Load more…" adds the next page', async () => {
    await sandbox.reset();
    // Keyboard, as a person would: focus the tree, go to its last row ("Load more…"), activate it.
    await vscode.commands.executeCommand('boomtown.leads.focus');
    await rig.press('End');
    await eventually('"Load more…" focused', async () => (await rig.textOf(`${LEAD_ROWS}.focused .label-name`)).some((l) => l.startsWith('Load more')));
    await rig.press('Enter');
    await eventually('the second page request', async () => (await sandbox.stats()).byRoute['GET /v1/leads'] === 1);
    // The last rendered rows now belong to the second page, and a new "Load more…" closes the list.
    const secondPage = await sandboxLeads(session, 25, 25);
    const lastOfSecond = displayName(secondPage[secondPage.length - 1]);
    const labels = await eventually('rows of the second page', async () => {
      await vscode.commands.executeCommand('boomtown.leads.focus');
      await rig.press('End');
      const rendered = await rig.textOf(ROW_LABELS);
      return rendered.length > 2 && rendered[rendered.length - 1].startsWith('Load more') && rendered;
    });
    assert.ok(labels[labels.length - 2].startsWith(lastOfSecond.slice(0, 20)), `last lead row is ${labels[labels.length - 2]}, expected ${lastOfSecond}`);
    await rig.screenshot('leads-tree-page-2');
  });

  it('opens a lead\'s raw JSON from its context menu', async () => {
    const [first] = await sandboxLeads(session, 0, 1);
    // Focus the first lead, open its context menu from the keyboard and take its first entry.
    await vscode.commands.executeCommand('boomtown.leads.focus');
    await rig.press('Home');
    await eventually('the first lead focused', async () => (await rig.textOf(`${LEAD_ROWS}.focused .label-name`)).length === 1);
    await rig.press('Shift+F10');
    await eventually('the context menu', async () => (await rig.textOf('.monaco-menu .action-label')).some((label) => label.includes('Open Raw JSON')));
    await rig.press('ArrowDown');
    await rig.press('Enter');
    const editor = await eventually('the raw JSON editor', async () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'boomtown-raw' && active;
    });
    const text = editor.document.getText();
    assert.match(text, new RegExp(`^// GET .*/v1/leads/${first.id}`));
    assert.ok(text.includes(`"id": "${first.id}"`), 'the lead\'s JSON');
    assert.equal(editor.document.languageId, 'jsonc');
    const rendered = await eventually('the JSON on screen', async () => {
      const lines = (await rig.textOf('.editor-instance .view-lines')).join('\n');
      return lines.includes(first.id) && lines;
    });
    assert.ok(rendered.includes('200'));
    await rig.screenshot('lead-json');
  });

  it('"Send Request…" shows the answer to a typed path', async () => {
    void vscode.commands.executeCommand(Commands.sendRequest);
    await eventually('the request quick pick', async () => (await rig.textOf('.quick-input-widget .quick-input-title')).some((t) => t.includes('Send Request')));
    await rig.type('/v1/agents?limit=3');
    await rig.press('Enter');
    const editor = await eventually('the answer document', async () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'boomtown-raw' && active.document.getText().includes('/v1/agents') && active;
    });
    assert.match(editor.document.getText(), /"_metadata"/);
  });

  it('waits out a 429 and still shows the leads', async function () {
    this.timeout(90_000);
    await sandbox.reset();
    await sandbox.setFaults({ rateLimit: { limit: 1, windowSeconds: 3 }, scope: 'api' });
    try {
      await vscode.commands.executeCommand(Commands.refreshLeads);
      await vscode.commands.executeCommand(Commands.refreshLeads);
      const stats = await sandbox.stats();
      assert.ok((stats.byStatus['429'] ?? 0) >= 1, `the sandbox answered 429: ${JSON.stringify(stats.byStatus)}`);
      assert.ok((stats.byStatus['200'] ?? 0) >= 2, 'both refreshes ended in a page');
      const labels = await renderedLabels(rig, 3);
      assert.ok(!labels.some((label) => /rate|too many/i.test(label)), `no error row: ${labels.join(' | ')}`);
    } finally {
      await adminCall('POST', '/admin/faults', { rateLimit: null });
    }
  });
});
