import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, EXTENSION_ID } from '../../src/constants';
import { activeExtension } from './extensionUnderTest';
import { requireRig, type Rig } from './rig';

/** The next URL VS Code opens in a new browser tab after `seen` of them. */
async function nextOpenedUrl(rig: Rig, seen: number, timeoutMs = 20_000): Promise<string> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    const urls = await rig.openedUrls();
    if (urls.length > seen) return urls[seen];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('VS Code opened no sign-in page in the browser');
}

/**
 * The callback URI carries a query of its own here, so it must reach the browser encoded exactly
 * once: double encoding or a split query makes the server refuse the redirect URI.
 */
function assertRedirectUriIntact(authorizeUrl: string): void {
  const redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '';
  assert.ok(URL.canParse(redirectUri), `redirect_uri reached the browser mangled (double-encoded?): ${redirectUri.slice(0, 120)}`);
  const callback = new URL(redirectUri);
  assert.equal(callback.searchParams.get('vscode-authority'), EXTENSION_ID, `redirect_uri lost its query on the way: ${redirectUri}`);
}

describe('sign-in in the web workbench', () => {
  it('signs in through VS Code\'s consent dialog and the BoomTown consent page', async function () {
    const rig = requireRig(this);
    await activeExtension();
    const seen = (await rig.openedUrls()).length;
    // The rig's browser answers "wants to sign in" -> Allow, "open the external website?" -> Open, and the consent page -> Approve.
    const signIn = vscode.authentication.getSession(AUTH_PROVIDER_ID, ['offline_access'], { createIfNone: true });
    assertRedirectUriIntact(await nextOpenedUrl(rig, seen));
    const session = await signIn;
    assert.ok(session.accessToken.length > 0);

    const menu = await rig.openAccountsMenu();
    await rig.screenshot('accounts-menu-signed-in');
    await rig.press('Escape');
    assert.ok(
      menu.some((item) => item.includes(session.account.label)),
      `the Accounts menu does not list ${session.account.label}: ${menu.join(' | ')}`,
    );
  });
});
