import assert from 'node:assert/strict';
import { connect } from 'node:net';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, Commands, CONFIG_SECTION, DEFAULT_SCOPES } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig, type Rig } from './helpers/rig';
import { approveOverHttp, nextOpenedUrl, toastTexts, track } from './helpers/signInWatch';
import { adminCall, eventually, sandbox, sandboxUrl } from './helpers/sandboxAdmin';

/**
 * Issue 23's four sign-ins in the real workbench, through the real paths (getSession as the
 * Accounts menu asks it, the progress notification's "Try another way", the device code
 * notification's "Copy & Open", the paste command), each ending with the account in the Accounts
 * menu and leads fetched. The settings are written as user settings: workspace values are ignored
 * by design (they decide where a code goes).
 */

/** The names the product promises (issue 23); literal here so a rename breaks this test. */
const TRY_ANOTHER_WAY_TITLE = 'Sign in to BoomTown another way';
const LOOPBACK_LABEL = 'Loopback (browser on this machine)';
const COPY_AND_OPEN = 'Copy & Open';
const FIXED_LOOPBACK_PORT = 33418;
const OWN_REDIRECT_URI = 'https://crm-integration.example/boomtown/callback';
const SETTINGS = ['signInFlow', 'redirectUri', 'loopbackPort'] as const;

const LEAD_ROWS = '[id="workbench.view.extension.boomtown"] .monaco-list-row .label-name';

interface DevicePolls {
  deviceCodes: Array<{ userCode: string; status: string; polls: number; slowDowns: number; intervalSeconds: number; gapsMs: number[] }>;
}

function setUserSetting(key: (typeof SETTINGS)[number], value: unknown): Thenable<void> {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

function setSandboxOptions(options: Record<string, unknown>): Promise<unknown> {
  return adminCall('POST', '/admin/options', options);
}

function redirectUriOf(authorizeUrl: string): string {
  return new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '';
}

/** Whether anything accepts a TCP connection on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every scenario ends here: the account in the Accounts menu, and "Fetch Leads" fills the tree from the sandbox. */
async function assertSignedInAndLeadsFetched(rig: Rig, session: vscode.AuthenticationSession): Promise<void> {
  const items = await rig.openAccountsMenu();
  await rig.press('Escape');
  assert.ok(items.some((item) => item.includes(session.account.label)), `Accounts menu: ${items.join(' | ')}`);
  await sandbox.reset();
  await vscode.commands.executeCommand(Commands.fetchLeads);
  const labels = await eventually('lead rows in the tree', async () => {
    const rows = await rig.textOf(LEAD_ROWS);
    return rows.length > 0 && rows;
  });
  assert.ok(labels.length > 0);
  const stats = await sandbox.stats();
  assert.ok((stats.byRoute['GET /v1/leads'] ?? 0) >= 1, `the leads came from the sandbox: ${JSON.stringify(stats.byRoute)}`);
}

async function signOut(): Promise<void> {
  await vscode.commands.executeCommand(Commands.signOut);
  assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { silent: true }), undefined, 'signed out before the next sign-in');
}

describe('sign-in flows (issue 23) in the web workbench', () => {
  let rig: Rig;

  before(async function () {
    rig = requireRig(this);
    await activeExtension();
    await signOut();
  });

  afterEach(async function () {
    this.timeout(30_000);
    if (!sandboxUrl()) return;
    for (const key of SETTINGS) await setUserSetting(key, undefined);
    await setSandboxOptions({ refuseRedirectKinds: [], exactLoopbackPort: null, deviceIntervalSeconds: 5 });
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand(Commands.signOut);
  });

  it('the server refuses the workbench\'s redirect URI: its page says so, nothing comes back; "Try another way" signs in through loopback', async function () {
    this.timeout(120_000);
    await setSandboxOptions({ refuseRedirectKinds: ['privateUse', 'workbench'] });
    await sandbox.reset();
    const seen = (await rig.openedUrls()).length;
    const pending = track(vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true }));

    // The first flow here is "Redirect to VS Code": the workbench's callback, which this server refuses.
    const refusedUrl = await nextOpenedUrl(rig, seen);
    const refusedRedirect = redirectUriOf(refusedUrl);
    assert.ok(!refusedRedirect.startsWith('http://127.0.0.1:') || refusedRedirect.includes('vscode-'), `the first flow is the workbench's redirect, got ${refusedRedirect}`);
    const page = await fetch(refusedUrl, { redirect: 'manual' });
    assert.equal(page.status, 400);
    assert.equal(page.headers.get('location'), null, 'no redirect: nothing comes back');
    assert.match(await page.text(), /Redirect URI not accepted/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(pending.state(), 'pending', 'the sign-in waits: it heard nothing');
    assert.equal((await sandbox.stats()).byGrant.authorization_code ?? 0, 0, 'no code was issued');

    // The person picks "Try another way" in the sign-in notification, then loopback.
    await rig.click('.notifications-toasts a:has-text("Try another way")');
    await eventually('the "another way" quick pick', async () => (await rig.textOf('.quick-input-widget .quick-input-title')).some((title) => title.includes(TRY_ANOTHER_WAY_TITLE)));
    await rig.click(`.quick-input-widget .quick-input-list .monaco-list-row:has-text("${LOOPBACK_LABEL}")`);

    const loopbackUrl = await nextOpenedUrl(rig, seen + 1);
    const loopbackRedirect = redirectUriOf(loopbackUrl);
    assert.match(loopbackRedirect, /^http:\/\/127\.0\.0\.1:\d+\/callback$/, 'a loopback redirect URI (RFC 8252)');
    // The rig's browser approves; the sandbox redirects to the extension's loopback server.
    const session = (await pending.result) as vscode.AuthenticationSession;
    assert.equal(pending.state(), 'resolved', `signed in: ${String(session)}`);
    assert.equal((await sandbox.stats()).byGrant.authorization_code, 1, 'one code exchange');
    assert.equal(await listening(Number(new URL(loopbackRedirect).port)), false, 'no socket left listening after the sign-in');
    await assertSignedInAndLeadsFetched(rig, session);
  });

  it('boomtown.signInFlow "loopback" with a fixed boomtown.loopbackPort the server registers exactly', async function () {
    this.timeout(90_000);
    assert.equal(await listening(FIXED_LOOPBACK_PORT), false, `port ${FIXED_LOOPBACK_PORT} is free before the test`);
    await setSandboxOptions({ exactLoopbackPort: FIXED_LOOPBACK_PORT });
    await setUserSetting('signInFlow', 'loopback');
    await setUserSetting('loopbackPort', FIXED_LOOPBACK_PORT);
    await sandbox.reset();
    const seen = (await rig.openedUrls()).length;
    const signingIn = vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true });
    assert.equal(redirectUriOf(await nextOpenedUrl(rig, seen)), `http://127.0.0.1:${FIXED_LOOPBACK_PORT}/callback`);
    const session = await signingIn;
    assert.equal((await sandbox.stats()).byGrant.authorization_code, 1, 'one code exchange');
    assert.equal(await listening(FIXED_LOOPBACK_PORT), false, 'the fixed port is closed once signed in');
    await assertSignedInAndLeadsFetched(rig, session);
  });

  it('boomtown.signInFlow "deviceCode": the code shown with "Copy & Open", approved on the sandbox\'s page, the interval kept', async function () {
    this.timeout(120_000);
    await setSandboxOptions({ deviceIntervalSeconds: 1 });
    await setUserSetting('signInFlow', 'deviceCode');
    await sandbox.reset();
    const seen = (await rig.openedUrls()).length;
    const pending = track(vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true }));

    const shown = await eventually('the device code notification', async () => {
      const text = await toastTexts(rig);
      return /\b[B-Z]{4}-[B-Z]{4}\b/.exec(text)?.[0];
    });
    const [authorization] = (await adminCall<DevicePolls>('GET', '/admin/device-codes')).deviceCodes;
    assert.equal(shown, authorization.userCode, 'the notification shows the user code the server issued');

    // "Copy & Open" (a link in the sign-in notification): the browser opens the verification page with the code filled in; the rig's browser approves it there.
    await rig.click(`.notifications-toasts a:has-text("${COPY_AND_OPEN}")`);
    const opened = new URL(await nextOpenedUrl(rig, seen));
    assert.equal(`${opened.origin}${opened.pathname}`, `${sandboxUrl()}/oauth/device`);
    assert.equal(opened.searchParams.get('user_code'), authorization.userCode, 'verification_uri_complete');

    const session = (await pending.result) as vscode.AuthenticationSession;
    assert.equal(pending.state(), 'resolved', `signed in: ${String(session)}`);
    // The code and its "Copy & Open" leave with the sign-in: nothing is left to copy.
    await eventually('the device code notification gone', async () => !(await toastTexts(rig)).includes(authorization.userCode), 3000);
    assert.doesNotMatch(await toastTexts(rig), new RegExp(`${authorization.userCode}|${COPY_AND_OPEN}`));
    const [polled] = (await adminCall<DevicePolls>('GET', '/admin/device-codes')).deviceCodes;
    assert.equal(polled.status, 'redeemed');
    assert.equal(polled.slowDowns, 0, `never polled sooner than the interval: gaps ${polled.gapsMs.join(', ')} ms`);
    for (const gap of polled.gapsMs) assert.ok(gap >= 1000, `the interval kept, at the server: gaps ${polled.gapsMs.join(', ')} ms`);
    assert.equal((await sandbox.stats()).byGrant.device_code, polled.polls, 'every poll counted as a device_code grant');
    await assertSignedInAndLeadsFetched(rig, session);
  });

  it('a device-code sign-in cancelled before the code is entered: the code and "Copy & Open" leave with it, and no error', async function () {
    this.timeout(60_000);
    await setUserSetting('signInFlow', 'deviceCode');
    await sandbox.reset();
    const pending = track(vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true }));
    const userCode = await eventually('the device code notification', async () => /\b[B-Z]{4}-[B-Z]{4}\b/.exec(await toastTexts(rig))?.[0]);

    // Cancel on the sign-in notification, as a person who gave up would; nothing was clicked in it before.
    await rig.click({ role: 'button', name: 'Cancel' });
    const outcome = await pending.result;
    assert.equal(pending.state(), 'rejected', `cancelled: ${String(outcome)}`);
    // Sooner than VS Code hides an information toast by itself (15 s): it must be closed, not fade out.
    await eventually('the device code notification gone', async () => !(await toastTexts(rig)).includes(userCode), 3000);
    const left = await toastTexts(rig);
    assert.doesNotMatch(left, new RegExp(`${userCode}|${COPY_AND_OPEN}`), `left: ${left}`);
    assert.doesNotMatch(left, /failed|error|went wrong/i, 'no error notification for a cancel');
  });

  it('boomtown.signInFlow "redirectUri" without boomtown.redirectUri: one warning names the setting, the value and the flow used instead', async function () {
    this.timeout(90_000);
    await setUserSetting('signInFlow', 'redirectUri');
    await sandbox.reset();
    const seen = (await rig.openedUrls()).length;
    const pending = track(vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true }));
    const warning = await eventually('the warning', async () => {
      const texts = await rig.textOf('.notifications-toasts .notification-list-item-message');
      return texts.find((text) => text.includes('boomtown.signInFlow'));
    });
    assert.match(warning, /"boomtown\.signInFlow" is "redirectUri".*"Redirect to VS Code" instead/);
    // The table's first flow here (the workbench's redirect) goes ahead; the rig's browser approves it.
    const redirect = redirectUriOf(await nextOpenedUrl(rig, seen));
    assert.notEqual(redirect, '', 'an authorize URL with a redirect URI');
    const session = (await pending.result) as vscode.AuthenticationSession;
    assert.equal(pending.state(), 'resolved', `signed in: ${String(session)}`);
    const warnings = (await rig.textOf('.notifications-toasts .notification-list-item-message')).filter((text) => text.includes('boomtown.signInFlow'));
    assert.equal(warnings.length, 1, `said once: ${warnings.join(' | ')}`);
  });

  it('boomtown.redirectUri set to an https URI: the address the browser lands on, pasted, finishes the sign-in', async function () {
    this.timeout(90_000);
    await setUserSetting('redirectUri', OWN_REDIRECT_URI);
    await rig.setConsent('ignore'); // the browser would land on the integration's page, which this machine cannot reach
    await sandbox.reset();
    const seen = (await rig.openedUrls()).length;
    const pending = track(vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true }));
    const authorizeUrl = await nextOpenedUrl(rig, seen);
    assert.equal(redirectUriOf(authorizeUrl), OWN_REDIRECT_URI, 'a set boomtown.redirectUri comes first');

    // The person approves in the browser and copies the address it lands on (here: over plain HTTP).
    const landedOn = await approveOverHttp(authorizeUrl);
    assert.ok(landedOn.startsWith(`${OWN_REDIRECT_URI}?`) && new URL(landedOn).searchParams.get('code'), `the address the browser lands on: ${landedOn.split('?')[0]}`);

    // Then runs the paste command and pastes that address.
    void vscode.commands.executeCommand(Commands.pasteSignInRedirect);
    await eventually('the paste box', async () => (await rig.textOf('.quick-input-widget .quick-input-title')).some((title) => title.includes('Finish BoomTown sign-in')));
    await rig.type(landedOn);
    await rig.press('Enter');
    const session = (await pending.result) as vscode.AuthenticationSession;
    assert.equal(pending.state(), 'resolved', `signed in: ${String(session)}`);
    assert.equal((await sandbox.stats()).byGrant.authorization_code, 1, 'one code exchange');
    await assertSignedInAndLeadsFetched(rig, session);
  });
});
