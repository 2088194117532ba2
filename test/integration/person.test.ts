import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, DEFAULT_SCOPES } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig, type Rig } from './helpers/rig';
import { eventually } from './helpers/sandboxAdmin';

/**
 * What the README promises a newcomer: open the BoomTown view, sign in from the Accounts menu,
 * run "BoomTown: Fetch Leads" from the command palette, see leads. Only the keyboard, the mouse
 * and what the workbench renders: no API shortcut.
 */
describe('a person, from the Accounts menu to leads on screen', () => {
  let rig: Rig;

  before(async function () {
    rig = requireRig(this);
    await activeExtension();
    // Start signed out, as a newcomer would be.
    for (let i = 0; i < 3 && (await sessions()).length > 0; i++) await vscode.commands.executeCommand('boomtown.signOut');
    assert.equal((await sessions()).length, 0, 'signed out');
  });

  async function sessions(): Promise<readonly vscode.AuthenticationSession[]> {
    const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { silent: true });
    return session ? [session] : [];
  }

  it('signs in from the Accounts menu', async function () {
    this.timeout(60_000);
    // What the BoomTown icon in the activity bar does (a click would close the view if an earlier test left it open).
    await vscode.commands.executeCommand('workbench.view.extension.boomtown');
    // The view's welcome content offers the sign-in, and the Accounts menu has its entry.
    await eventually('the welcome view', async () => (await rig.textOf('[id="workbench.view.extension.boomtown"]')).some((t) => t.includes('Sign in to BoomTown')));
    // The badge on the Accounts icon says an extension asks for a sign-in.
    await eventually('the Accounts badge', async () => (await rig.textOf('.activitybar .badge .badge-content')).some((t) => t.trim() === '1'));
    const items = await rig.openAccountsMenu();
    assert.ok(items.some((label) => /Sign in with BoomTown/.test(label)), `Accounts menu: ${items.join(' | ')}`);
    await rig.screenshot('accounts-menu-sign-in');
    const entry = items.find((label) => /Sign in with BoomTown/.test(label))!;
    await rig.click(`.monaco-menu .action-item .action-label:has-text("${entry.replace(/"/g, '\\"')}")`);
    const session = await eventually('a session', async () => (await sessions())[0], 40_000);
    assert.match(session.account.label, /@/);
  });

  it('runs "BoomTown: Fetch Leads" from the command palette and sees leads', async () => {
    await rig.press('F1');
    await rig.type('BoomTown: Fetch Leads');
    await eventually('the command in the palette', async () => (await rig.textOf('.quick-input-list .monaco-list-row')).some((t) => t.includes('Fetch Leads')));
    await rig.press('Enter');
    const rows = await eventually('lead rows', async () => {
      const labels = await rig.textOf('[id="workbench.view.extension.boomtown"] .monaco-list-row .label-name');
      return labels.length >= 5 && labels;
    });
    assert.ok(rows.every((label) => label.trim().length > 0));
    await rig.screenshot('person-leads');
  });
});
