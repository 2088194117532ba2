import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID } from '../../src/constants';
import { logActivationCost } from './helpers/activationCost';
import { inReloadedWindow, requireRig, type Rig } from './helpers/rig';
import { eventually } from './helpers/sandboxAdmin';

const SCOPES = ['offline_access'];
const AFTER_RELOAD = 'signed in after a restart, in the reloaded window';

/** The BoomTown status-bar item's text (its id is the extension's id and the item's). */
async function statusBarText(rig: Rig): Promise<string> {
  return (await rig.textOf('.statusbar-item[id$="boomtown.account"]')).join(' | ');
}

/**
 * Someone who signed in yesterday opens VS Code: their account is in the Accounts menu and the
 * status bar without anything else activating the extension first (onStartupFinished). The first
 * test signs in and asks the rig to reload the window once the suite is done; the second runs in the
 * reloaded window (a new extension host, as after a restart) and touches nothing of the extension
 * before looking: no command, no view, no getSession.
 */
describe('signed in after a restart', () => {
  it('before: signs in, then asks for a window reload', async function () {
    if (inReloadedWindow()) this.skip();
    const rig = requireRig(this);
    const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { createIfNone: true });
    assert.ok(session.account.label);
    await rig.reloadWindowThenRun(AFTER_RELOAD);
    rig.log(`      (the window reloads after this pass; then "${AFTER_RELOAD}" runs, expecting ${session.account.label})`);
  });

  describe(AFTER_RELOAD, () => {
    it('shows the account in the status bar and the Accounts menu before anything asks for it', async function () {
      if (!inReloadedWindow()) this.skip();
      const rig = requireRig(this);
      // Looked at in the workbench first: reading the session through the API would activate the extension itself.
      const status = await eventually('the BoomTown account in the status bar', async () => {
        const text = await statusBarText(rig);
        return text && !text.includes('Sign in') ? text : undefined;
      });
      // The menu first says "Loading..." while the workbench asks the providers: open it again until it has loaded.
      const items = await eventually('the Accounts menu, loaded', async () => {
        const listed = await rig.openAccountsMenu();
        if (!listed.some((item) => /^Loading/i.test(item.trim()))) return listed;
        await rig.press('Escape');
        return undefined;
      });
      await rig.screenshot('restart-accounts-menu');
      await rig.press('Escape');
      const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, SCOPES, { silent: true });
      assert.ok(session, 'the session survived the reload');
      assert.ok(status.includes(session.account.label), `status bar: ${status}`);
      assert.ok(items.some((item) => item.includes(session.account.label)), `Accounts menu: ${items.join(' | ')}`);
    });

    it('prints the activation figure of this startup (a second sample of the run)', async function () {
      if (!inReloadedWindow()) this.skip();
      await logActivationCost(requireRig(this), 'reloaded window');
    });
  });
});
