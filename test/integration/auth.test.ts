import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, Commands, EXTENSION_ID } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig, type Rig } from './helpers/rig';
import { approveOverHttp, nextOpenedUrl, toastTexts, track } from './helpers/signInWatch';
import { adminCall, eventually, sandbox, sandboxUrl } from './helpers/sandboxAdmin';

const SCOPES = ['offline_access'];

/** The callback URI carries a query of its own here: it must reach the browser encoded exactly once. */
function assertRedirectUriIntact(authorizeUrl: string): void {
  const redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '';
  assert.ok(URL.canParse(redirectUri), `redirect_uri reached the browser mangled: ${redirectUri.slice(0, 120)}`);
  assert.equal(new URL(redirectUri).searchParams.get('vscode-authority'), EXTENSION_ID, `redirect_uri lost its query: ${redirectUri}`);
}

async function me(accessToken: string): Promise<{ status: number; body: { email?: string | null; firstName?: string; lastName?: string } }> {
  const response = await fetch(`${sandboxUrl()}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: response.status, body: (await response.json()) as { email?: string } };
}

describe('signing in to BoomTown in the web workbench', () => {
  let rig: Rig;
  let session: vscode.AuthenticationSession;

  before(async function () {
    rig = requireRig(this);
    await activeExtension();
    // Short-lived tokens, so "expired on read" can be seen without waiting an hour.
    await adminCall('POST', '/admin/options', { accessTokenTtlSeconds: 4 });
  });

  after(async () => {
    if (sandboxUrl()) await adminCall('POST', '/admin/options', { accessTokenTtlSeconds: 3600 });
  });

  it('signs in through VS Code\'s consent dialog, the browser and the UriHandler', async () => {
    await sandbox.reset();
    const seen = (await rig.openedUrls()).length;
    // The rig's browser answers "wants to sign in" -> Allow, "open the external website?" -> Open, the consent page -> Approve.
    const signIn = vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { createIfNone: true });
    assertRedirectUriIntact(await nextOpenedUrl(rig, seen));
    session = await signIn;

    const user = await me(session.accessToken);
    assert.equal(user.status, 200);
    assert.equal(session.account.label, user.body.email ?? `${user.body.firstName} ${user.body.lastName}`);
    assert.deepEqual([...session.scopes].sort(), ['offline_access']);
    const stats = await sandbox.stats();
    assert.equal(stats.byGrant.authorization_code, 1, 'one code exchange');
    assert.equal(stats.byRoute['GET /v1/me'], 2, 'one /v1/me by the extension (and one by this test)');
  });

  it('lists the account in the Accounts menu', async () => {
    const items = await rig.openAccountsMenu();
    await rig.screenshot('accounts-menu');
    await rig.press('Escape');
    assert.ok(items.some((item) => item.includes(session.account.label)), `Accounts menu: ${items.join(' | ')}`);
  });

  it('answers a second getSession with the same session, without signing in again', async () => {
    await sandbox.reset();
    const seen = (await rig.openedUrls()).length;
    const again = await vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { silent: true });
    assert.equal(again?.id, session.id);
    assert.equal((await rig.openedUrls()).length, seen, 'no browser tab');
    assert.equal((await sandbox.stats()).byGrant.authorization_code ?? 0, 0, 'no code exchange');
  });

  it('refreshes an expired token on read, keeping the session id', async function () {
    this.timeout(30_000);
    await sandbox.reset();
    const changed = new Promise<void>((resolve) => {
      const listener = vscode.authentication.onDidChangeSessions((event) => {
        if (event.provider.id === AUTH_PROVIDER_ID) {
          listener.dispose();
          resolve();
        }
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 4500)); // the 4 s token is now expired
    const fresh = await vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { silent: true });
    assert.ok(fresh);
    assert.equal(fresh.id, session.id, 'same session id');
    assert.notEqual(fresh.accessToken, session.accessToken, 'a new access token');
    assert.equal((await me(fresh.accessToken)).status, 200);
    assert.ok((await sandbox.stats()).byGrant.refresh_token >= 1, 'a refresh grant');
    await changed;
    session = fresh;
  });

  it('signs out with "BoomTown: Sign Out": the session is gone and its token revoked', async () => {
    await sandbox.reset();
    await vscode.commands.executeCommand(Commands.signOut);
    assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { silent: true }), undefined);
    const stats = await eventually('the revoke request', async () => {
      const s = await sandbox.stats();
      return s.byRoute['POST /oauth/revoke'] === 1 && s;
    });
    assert.equal(stats.byRoute['POST /oauth/revoke'], 1);
  });

  it('ends with a clear error when the user denies on the consent page', async () => {
    await rig.setConsent('deny');
    const attempt = vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { createIfNone: true });
    await assert.rejects(Promise.resolve(attempt), (error: Error) => /denied/i.test(error.message));
    const toasts = await eventually('an error notification', async () => {
      const text = await toastTexts(rig);
      return /denied/i.test(text) && text;
    });
    // access_denied may be the server's policy as well as the person's choice (RFC 6749 §4.1.2.1):
    // the message says what the server said and where to look, never "you refused".
    assert.match(toasts, /The sign-in server denied the request: "The user denied access"\. "Diagnose Sign-in"/);
    assert.doesNotMatch(toasts, /\byou\b/i);
    await rig.screenshot('sign-in-denied');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('ignores a forged callback, and cancelling ends the sign-in quietly', async function () {
    this.timeout(60_000);
    await rig.setConsent('ignore'); // the person walks away from the consent page
    await sandbox.reset();
    const seen = (await rig.openedUrls()).length;
    const pending = track(vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { createIfNone: true }));
    await nextOpenedUrl(rig, seen);

    // A forged callback with a state nobody issued, through the real path: browser -> code-server -> UriHandler.
    const forged = await vscode.env.asExternalUri(vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/callback?code=forged-code&state=forged-state`));
    await vscode.env.openExternal(forged);
    await nextOpenedUrl(rig, seen + 1);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(pending.state(), 'pending', 'the forged callback neither ended nor completed the sign-in');
    // Asked through the sandbox: VS Code 1.139 queues every call into a provider behind its pending
    // createSession, so a getSession here would wait for this very sign-in.
    assert.equal((await sandbox.stats()).byGrant.authorization_code ?? 0, 0, 'no code exchanged: nobody is signed in');

    // Cancel on the progress notification, as a person would.
    await rig.click({ role: 'button', name: 'Cancel' });
    const outcome = await pending.result;
    assert.equal(pending.state(), 'rejected');
    assert.ok(outcome instanceof Error && /cancel/i.test(outcome.message), `cancelled: ${String(outcome)}`);
    assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { silent: true }), undefined, 'nobody is signed in');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.doesNotMatch(await toastTexts(rig), /failed|error|denied/i, 'no error notification for a cancel');
  });

  it('finishes from a pasted redirect address when the browser cannot come back', async function () {
    this.timeout(60_000);
    await rig.setConsent('ignore'); // the tab VS Code opened is not where the person signs in
    const seen = (await rig.openedUrls()).length;
    const pending = track(vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { createIfNone: true }));
    const authorizeUrl = await nextOpenedUrl(rig, seen);

    // The person opens the copied link in another browser and approves there (here: plain HTTP).
    const landedOn = await approveOverHttp(authorizeUrl);
    assert.ok(landedOn && new URL(landedOn).searchParams.get('code'), 'the address the browser would end on');

    // Then follows the notification's link and pastes that address.
    await rig.click('.notifications-toasts a:has-text("paste the address")');
    await eventually('the paste box', async () => (await rig.textOf('.quick-input-widget .quick-input-title')).some((t) => t.includes('Finish BoomTown sign-in')));
    await rig.type(landedOn);
    await rig.press('Enter');
    const signedIn = (await pending.result) as vscode.AuthenticationSession;
    assert.equal(pending.state(), 'resolved', `signed in: ${String(signedIn)}`);
    assert.equal((await me(signedIn.accessToken)).status, 200);
    await vscode.commands.executeCommand(Commands.signOut);
  });
});
