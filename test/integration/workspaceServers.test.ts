import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, ChatSettings, ChatTools, Commands, CONFIG_SECTION, DEFAULT_SCOPES } from '../../src/constants';
import { parseJsonc } from '../../src/core/shared/jsonc';
import { activeExtension } from './helpers/extensionUnderTest';
import { startRecordingServer, type ReceivedRequest } from './helpers/recordingServer';
import { requireRig, type Rig } from './helpers/rig';
import { eventually, sandbox, sandboxUrl } from './helpers/sandboxAdmin';

const WARNING = 'This workspace sets boomtown.authUrl, boomtown.apiUrl';
const CREDENTIAL_KEYS = ['code', 'code_verifier', 'refresh_token', 'client_secret', 'client_id', 'token', 'access_token'];

/** Anything that would be a credential in what the other server received. */
function credentialsIn(received: ReceivedRequest[]): string[] {
  return received.flatMap((r) => [
    ...(r.authorization ? [`${r.method} ${r.path}: Authorization`] : []),
    ...[...r.bodyKeys, ...r.queryKeys].filter((key) => CREDENTIAL_KEYS.includes(key)).map((key) => `${r.method} ${r.path}: ${key}`),
  ]);
}

async function toasts(rig: Rig): Promise<string> {
  return (await rig.textOf('.notifications-toasts .notification-list-item-message')).join(' | ');
}

/**
 * A cloned repository's `.vscode/settings.json` points the server settings at another host. In the
 * real workbench, signed in: nothing the extension holds reaches that host, the user is warned once,
 * and the session keeps working. (`ConfigurationTarget.Workspace` cannot write these machine-scoped
 * settings, so the file is written as a repository would ship it.)
 */
describe('server settings a workspace sets are ignored', () => {
  let rig: Rig;
  let settingsFile: vscode.Uri;
  let original: Uint8Array | undefined;
  let other: Awaited<ReturnType<typeof startRecordingServer>>;
  let session: vscode.AuthenticationSession;

  const writeWorkspaceSettings = async (server: string | undefined) => {
    const base = original ? (parseJsonc(new TextDecoder().decode(original)) as Record<string, unknown>) ?? {} : {};
    const settings = server ? { ...base, 'boomtown.authUrl': server, 'boomtown.apiUrl': server } : base;
    if (!server && !original) await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined);
    else await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify(settings, null, 2)));
  };

  before(async function () {
    rig = requireRig(this);
    await activeExtension();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the rig opens a folder');
    settingsFile = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
    original = await vscode.workspace.fs.readFile(settingsFile).then((bytes) => bytes, () => undefined);
    other = await startRecordingServer();
    session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true });
    await sandbox.clearFaults();
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update(ChatSettings.askBeforeSharingLeadData, false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    // The rig's folder is the workspace of every later suite: put its settings back whatever happened.
    if (settingsFile) await writeWorkspaceSettings(undefined).catch(() => undefined);
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update(ChatSettings.askBeforeSharingLeadData, undefined, vscode.ConfigurationTarget.Global);
    await other?.close();
  });

  it('warns once, naming the settings, and uses the user-level servers for leads, renewal, a request file and a chat tool', async () => {
    await writeWorkspaceSettings(other.url);
    const warning = await eventually('the warning', async () => {
      const text = await toasts(rig);
      return text.includes(WARNING) && text;
    });
    assert.match(warning, /ignores/);
    await rig.screenshot('workspace-server-settings-warning');
    await vscode.commands.executeCommand('notifications.clearAll');

    await sandbox.reset();
    await vscode.commands.executeCommand(Commands.fetchLeads);
    await eventually('leads from the user-level server', async () => (await sandbox.stats()).byRoute['GET /v1/leads'] >= 1);

    // A renewal: every access token the sandbox issued now answers 401, so the next call refreshes.
    await sandbox.expireTokens();
    await sandbox.reset();
    await vscode.commands.executeCommand(Commands.refreshLeads);
    await eventually('a refresh at the user-level server', async () => ((await sandbox.stats()).byGrant.refresh_token ?? 0) >= 1);

    const folder = vscode.workspace.workspaceFolders![0].uri;
    const requestFile = vscode.Uri.joinPath(folder, 'servers.http');
    await vscode.workspace.fs.writeFile(requestFile, new TextEncoder().encode(['### me', 'GET /v1/me', ''].join('\n')));
    assert.equal(await vscode.commands.executeCommand(Commands.sendRequestFile, requestFile, 1), 200);

    const answer = await vscode.lm.invokeTool(ChatTools.searchLeads, { input: {}, toolInvocationToken: undefined });
    assert.ok(answer.content.length > 0);

    assert.deepEqual(credentialsIn(other.received), []);
    assert.deepEqual(other.received.map((r) => `${r.method} ${r.path}`), [], 'the other server received nothing at all');
    assert.equal(vscode.workspace.getConfiguration(CONFIG_SECTION).get('apiUrl') === other.url, false, 'VS Code does not apply a workspace value of a machine setting either');
    await vscode.workspace.fs.delete(requestFile);
  });

  it('keeps the session working when the workspace settings go, and does not warn a second time', async () => {
    await writeWorkspaceSettings(undefined);
    await sandbox.reset();
    await vscode.commands.executeCommand(Commands.fetchLeads);
    await eventually('leads fetched', async () => (await sandbox.stats()).byRoute['GET /v1/leads'] >= 1);
    const now = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { silent: true });
    assert.equal(now?.id, session.id, 'the same session');

    await writeWorkspaceSettings(other.url);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // time for a second warning, which must not come
    assert.ok(!(await toasts(rig)).includes(WARNING), 'one warning per window');
  });

  it('signs out at the user-level server: the other server receives no token', async () => {
    await sandbox.reset();
    await vscode.commands.executeCommand(Commands.signOut);
    await eventually('the revoke request at the user-level server', async () => (await sandbox.stats()).byRoute['POST /oauth/revoke'] === 1);
    assert.equal(sandboxUrl() !== other.url, true);
    assert.deepEqual(credentialsIn(other.received), []);
    assert.equal(other.received.length, 0, 'the other server received nothing at all');
  });
});
