import assert from 'node:assert/strict';
import os from 'node:os';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, Commands, DEFAULT_SCOPES } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';
import { answerEditors, forwarderByHostName, lensesOf } from './helpers/requestFiles';
import { requireRig, type Rig } from './helpers/rig';
import { adminCall, eventually, sandbox, sandboxUrl } from './helpers/sandboxAdmin';

interface SeenRequest {
  method: string;
  path: string;
  status: number;
  authScheme?: string;
  contentType?: string;
}

const seen = async () => (await adminCall<{ requests: SeenRequest[] }>('GET', '/admin/requests')).requests;
const DIALOG = '.monaco-dialog-box';

/** Request files in the real workbench: lenses, sending with the session, the answer editor, paging, the modal, history and copies. */
describe('request files (.http)', () => {
  let rig: Rig;
  let session: vscode.AuthenticationSession;
  let uri: vscode.Uri;
  const lines = { me: 3, leads: 6, foreign: 9, post: 12 };

  before(async function () {
    rig = requireRig(this);
    await activeExtension();
    session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true });
    await sandbox.clearFaults();
    await vscode.commands.executeCommand(Commands.historyClear);
    // Earlier suites' editors out of the way: the screenshot shows the request file and its answer.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the rig opens a folder');
    uri = vscode.Uri.joinPath(folder, 'explore.http');
    const text = [
      '@limit = 3',
      '',
      '### me, by absolute URL',
      `GET ${sandboxUrl()}/v1/me`,
      '',
      '### leads, by /v1/ path',
      'GET /v1/leads?limit={{limit}}',
      '',
      '### someone else\'s API',
      'GET https://example.com/v1/me',
      '',
      '### create a lead',
      'POST /v1/leads',
      '',
      '{"firstName": "Ada", "lastName": "Nguyen"}',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('boomtown').update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  it('opens .http files as language "http" with a lens on every BoomTown request and none on others', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'http');
    const lenses = await eventually('the lenses', async () => {
      const found = (await lensesOf(uri)).filter((lens) => lens.command?.command === Commands.sendRequestFile);
      return found.length >= 3 && found;
    });
    assert.deepEqual(lenses.map((lens) => lens.range.start.line).sort((a, b) => a - b), [lines.me, lines.leads, lines.post]);
    assert.ok(lenses.every((lens) => lens.command?.title === 'Send with BoomTown'));
    assert.deepEqual(lenses[0].command?.arguments?.[0].toString(), uri.toString());
  });

  it('sends an absolute request with the session\'s bearer and shows the answer beside the file', async () => {
    await sandbox.reset();
    const status = await vscode.commands.executeCommand(Commands.sendRequestFile, uri, lines.me);
    assert.equal(status, 200);
    const [received] = (await seen()).filter((r) => r.path === '/v1/me');
    assert.deepEqual([received.method, received.status, received.authScheme], ['GET', 200, 'bearer']);
    const [answer] = answerEditors('explore.http');
    assert.ok(answer, 'an answer editor is visible');
    const text = answer.document.getText();
    assert.match(text, new RegExp(`^// GET ${sandboxUrl()}/v1/me\\n// 200 OK · \\d+ ms · \\d+ B\\n`));
    assert.ok(text.includes('// content-type: application/json'));
    assert.ok(text.includes('"email": '));
    assert.ok(!text.includes(session.accessToken) && !/authorization/i.test(text), 'no token or Authorization header in the answer');
    assert.notEqual(answer.viewColumn, vscode.window.activeTextEditor?.viewColumn, 'beside the request file, which keeps the focus');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  });

  it('sends the request at the cursor when called without arguments', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    editor.selection = new vscode.Selection(lines.me - 1, 2, lines.me - 1, 2);
    assert.equal(await vscode.commands.executeCommand(Commands.sendRequestFile), 200);
    assert.match(answerEditors('explore.http')[0].document.getText(), /^\/\/ GET .*\/v1\/me\n/);
  });

  it('reuses the one answer editor, and follows "Next page" by the reported limit', async () => {
    assert.equal(await vscode.commands.executeCommand(Commands.sendRequestFile, uri, lines.leads), 200);
    const answers = answerEditors('explore.http');
    assert.equal(answers.length, 1, 'one answer editor, reused');
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => (tab.input as { uri?: vscode.Uri })?.uri?.path.startsWith('/fixed/explore.http-answer'));
    assert.equal(tabs.length, 1, 'one answer tab for the file');
    assert.ok(answers[0].document.getText().includes('"offset": 0'));
    const [next] = await eventually('the "Next page" lens', async () => {
      const found = (await lensesOf(answers[0].document.uri)).filter((lens) => lens.command?.command === Commands.nextPage);
      return found.length > 0 && found;
    });
    assert.equal(next.command?.title, 'Next page (offset 3)');
    await vscode.commands.executeCommand('boomtown.requestHistory.focus');
    await eventually('the history rows', async () => (await rig.textOf('[id="workbench.view.extension.boomtown"] .monaco-list-row')).some((t) => t.includes('GET /v1/leads?limit=3')));
    await rig.screenshot('request-files');
    assert.equal(await vscode.commands.executeCommand(next.command!.command, ...(next.command!.arguments ?? [])), 200);
    const paged = answerEditors('explore.http')[0].document.getText();
    assert.match(paged, /^\/\/ GET .*\/v1\/leads\?limit=3&offset=3\n/);
    assert.ok(paged.includes('"offset": 3') && paged.includes('"limit": 3'));
  });

  it('shows a # @account line holding a command link as text: no link in the notification, nothing sent', async () => {
    await sandbox.reset();
    await vscode.commands.executeCommand('notifications.clearAll');
    const hostile = vscode.Uri.joinPath(uri, '..', 'hostile-account.http');
    const text = ['# @account [Sign in](command:workbench.action.quickOpen)', 'GET /v1/me', ''].join('\n');
    await vscode.workspace.fs.writeFile(hostile, new TextEncoder().encode(text));
    try {
      // The command settles once its error message is dismissed.
      const refused = vscode.commands.executeCommand(Commands.sendRequestFile, hostile, 1);
      const shown = await eventually('the explanation', async () => {
        const texts = await rig.textOf('.notifications-toasts .notification-list-item-message');
        return texts.find((t) => t.includes('which is not signed in')) ?? false;
      });
      // The file's text is there to read, as text: the brackets and the target show, no <a> is made of them.
      assert.ok(shown.includes('Sign in') && shown.includes('command:workbench.action.quickOpen'), shown);
      assert.deepEqual(await rig.textOf('.notifications-toasts .notification-list-item-message a'), []);
      await vscode.commands.executeCommand('notifications.clearAll');
      assert.equal(await refused, undefined);
      assert.equal((await sandbox.stats()).total, 0);
    } finally {
      await vscode.workspace.fs.delete(hostile);
    }
  });

  it('leaves requests to other hosts alone: nothing is sent', async () => {
    await sandbox.reset();
    // The command settles once its error message is dismissed.
    const refused = vscode.commands.executeCommand(Commands.sendRequestFile, uri, lines.foreign);
    await eventually('the explanation', async () => (await rig.textOf('.notifications-toasts')).some((t) => t.includes('not to the BoomTown API')));
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal(await refused, undefined);
    assert.equal((await sandbox.stats()).total, 0);
  });

  it('sends a POST to the sandbox\'s loopback host without asking, and shows its 405 as it came', async () => {
    await sandbox.reset();
    assert.equal(await vscode.commands.executeCommand(Commands.sendRequestFile, uri, lines.post), 405);
    const [received] = await seen();
    assert.deepEqual([received.method, received.path, received.authScheme, received.contentType], ['POST', '/v1/leads', 'bearer', 'application/json']);
    assert.match(answerEditors('explore.http')[0].document.getText(), /^\/\/ POST .*\/v1\/leads\n\/\/ 405 Method Not Allowed/);
  });

  it('asks before a POST to a host that is not loopback: Cancel sends nothing, Send sends it', async function () {
    const forwarder = await forwarderByHostName(sandboxUrl()!);
    if (!forwarder) return this.skip();
    try {
      await vscode.workspace.getConfiguration('boomtown').update('apiUrl', forwarder.url, vscode.ConfigurationTarget.Global);
      const host = new URL(forwarder.url).host;
      await sandbox.reset();
      const cancelled = vscode.commands.executeCommand(Commands.sendRequestFile, uri, lines.post);
      await eventually('the confirmation', async () => (await rig.textOf(`${DIALOG} .dialog-message-text`)).some((t) => t.includes(`Send POST to ${host}/v1/leads?`)));
      await rig.press('Escape');
      assert.equal(await cancelled, undefined);
      assert.equal((await sandbox.stats()).total, 0, 'nothing sent after Cancel');

      const sent = vscode.commands.executeCommand(Commands.sendRequestFile, uri, lines.post);
      await eventually('the confirmation again', async () => (await rig.textOf(`${DIALOG} .dialog-message-text`)).length > 0);
      await rig.screenshot('request-post-confirmation');
      await rig.click(`${DIALOG} .dialog-buttons .monaco-button:has-text("Send")`);
      assert.equal(await sent, 405);
      // The user's apiUrl now names another server (the forwarder): the session of the sandbox's own
      // address is not sent there, so sending signs in for it first, then posts with that session.
      const received = (await seen()).find((r) => r.method === 'POST' && r.path === '/v1/leads');
      assert.deepEqual([received?.method, received?.path, received?.authScheme], ['POST', '/v1/leads', 'bearer']);
    } finally {
      await vscode.workspace.getConfiguration('boomtown').update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
      await forwarder.close();
    }
  });

  it('copies the resolved request as curl, fetch and Python with a token placeholder', async () => {
    const expectations: Array<[string, string]> = [
      [Commands.copyAsCurl, '"Authorization: Bearer $BOOMTOWN_ACCESS_TOKEN"'],
      [Commands.copyAsFetch, '${process.env.BOOMTOWN_ACCESS_TOKEN}'],
      [Commands.copyAsPython, 'os.environ["BOOMTOWN_ACCESS_TOKEN"]'],
    ];
    for (const [command, placeholder] of expectations) {
      await vscode.env.clipboard.writeText('');
      const returned = await vscode.commands.executeCommand<string>(command, uri, lines.leads);
      const copied = await vscode.env.clipboard.readText();
      assert.equal(copied, returned, `${command} copied what it made`);
      assert.ok(copied.includes(`${sandboxUrl()}/v1/leads?limit=3`), `${command} copies the resolved URL: ${copied}`);
      assert.ok(copied.includes(placeholder), `${command} reads the token from the environment`);
      assert.ok(!copied.includes(session.accessToken), `${command} copies no token`);
    }
  });

  it('"Copy Access Token" warns first, then copies the real token', async () => {
    await vscode.env.clipboard.writeText('');
    const copying = vscode.commands.executeCommand(Commands.copyAccessToken);
    await eventually('the warning', async () => (await rig.textOf(`${DIALOG} .dialog-message-text`)).some((t) => t.includes('access token')));
    await rig.click(`${DIALOG} .dialog-buttons .monaco-button:has-text("Copy Token")`);
    await copying;
    assert.equal(await vscode.env.clipboard.readText(), session.accessToken);
    await vscode.env.clipboard.writeText('');
  });

  it('keeps the exchanges in "Request History": open again, copy, send again, clear', async () => {
    // The newest entry is then a POST to the sandbox as configured now (the one before went through the forwarder).
    assert.equal(await vscode.commands.executeCommand(Commands.sendRequestFile, uri, lines.post), 405);
    await vscode.commands.executeCommand('boomtown.requestHistory.focus');
    const rows = await eventually('history rows', async () => {
      const texts = await rig.textOf('[id="workbench.view.extension.boomtown"] .monaco-list-row');
      return texts.some((t) => t.includes('POST /v1/leads')) && texts.some((t) => t.includes('GET /v1/leads?limit=3&offset=3')) && texts;
    });
    assert.ok(rows.some((t) => t.includes('GET /v1/me') && t.includes('200')), rows.join(' | '));
    await rig.screenshot('request-history');

    await vscode.commands.executeCommand(Commands.historyOpen);
    assert.match(answerEditors('explore.http')[0].document.getText(), /^\/\/ POST /);
    const copied = await vscode.commands.executeCommand<string>(Commands.historyCopy);
    assert.match(copied, /^POST http:\/\/.*\/v1\/leads\nContent-Type: application\/json\n\n\{"firstName"/);
    assert.ok(!copied.includes(session.accessToken));
    await sandbox.reset();
    assert.equal(await vscode.commands.executeCommand(Commands.historySendAgain), 405);
    assert.equal((await sandbox.stats()).total, 1);

    await vscode.commands.executeCommand(Commands.historyClear);
    await eventually('an empty history', async () => (await rig.textOf('[id="workbench.view.extension.boomtown"]')).some((t) => t.includes('appear here')));
  });

  it('"Send Request…" goes through the same sender into the same history', async () => {
    void vscode.commands.executeCommand(Commands.sendRequest);
    await eventually('the request quick pick', async () => (await rig.textOf('.quick-input-widget .quick-input-title')).some((t) => t.includes('Send Request')));
    await rig.type('/v1/agents?limit=2');
    await rig.press('Enter');
    await eventually('the history row', async () => (await rig.textOf('[id="workbench.view.extension.boomtown"] .monaco-list-row')).some((t) => t.includes('GET /v1/agents?limit=2')));
  });

  it('logs the time from the command to the answer editor, the sandbox at 50 ms latency (a figure, not asserted)', async () => {
    await sandbox.setFaults({ latencyMs: 50 });
    try {
      await vscode.commands.executeCommand(Commands.sendRequestFile, uri, lines.me);
      const times: number[] = [];
      const parts: string[] = [];
      for (let run = 0; run < 5; run++) {
        await sandbox.reset();
        const started = Date.now();
        assert.equal(await vscode.commands.executeCommand(Commands.sendRequestFile, uri, run % 2 ? lines.me : lines.leads), 200);
        const ended = Date.now();
        times.push(ended - started);
        // Where the time went: before the request reached the sandbox, at the sandbox, after its answer.
        const [received] = await seen();
        const arrived = Date.parse((received as SeenRequest & { at: string }).at);
        const answered = arrived + (received as SeenRequest & { ms: number }).ms;
        parts.push(`${arrived - started}+${answered - arrived}+${ended - answered}`);
      }
      const sorted = [...times].sort((a, b) => a - b);
      rig.log(`      (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores) send -> answer editor shown, sandbox at 50 ms: median ${sorted[2]} ms (${times.join(', ')} ms; before+sandbox+after: ${parts.join(', ')})`);
    } finally {
      await sandbox.clearFaults();
    }
  });

  it('"New Request File" opens an untitled .http file with every endpoint, each answering', async function () {
    this.timeout(90_000);
    const opened = await vscode.commands.executeCommand<string>(Commands.newRequestFile);
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.uri.toString(), opened);
    assert.equal(document.uri.scheme, 'untitled');
    assert.ok(document.uri.path.endsWith('.http'));
    assert.equal(document.languageId, 'http');
    const lenses = await eventually('six lenses', async () => {
      const found = (await lensesOf(document.uri)).filter((lens) => lens.command?.command === Commands.sendRequestFile);
      return found.length === 6 && found;
    });
    await sandbox.reset();
    for (const lens of lenses) {
      const status = await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
      assert.equal(status, 200, `line ${lens.range.start.line + 1}: ${document.lineAt(lens.range.start.line).text}`);
    }
    const routes = (await seen()).map((r) => `${r.method} ${r.path}`);
    for (const path of ['/v1/me', '/v1/leads', '/v1/agents']) assert.ok(routes.includes(`GET ${path}`), routes.join(', '));
    assert.ok(routes.some((r) => /^GET \/v1\/leads\/[^/]+\/notes$/.test(r)));
    assert.ok(routes.some((r) => /^GET \/v1\/leads\/[^/]+\/events$/.test(r)));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
