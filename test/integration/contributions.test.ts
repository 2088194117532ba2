import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';

interface ContributedCommand {
  command: string;
}

describe('contributions', () => {
  it(`registers the "${AUTH_PROVIDER_ID}" authentication provider`, async () => {
    await activeExtension();
    // Without a registered provider this throws "No authentication provider 'boomtown' is currently registered".
    const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, [], { silent: true });
    assert.ok(session === undefined || session.id.length > 0);
  });

  it('registers every command its package.json contributes', async () => {
    const extension = await activeExtension();
    const contributed = ((extension.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? []).map(
      (entry) => entry.command,
    );
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), [], 'contributed but not registered');
  });
});
