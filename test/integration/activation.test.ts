import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig, rigFromEnvironment } from './helpers/rig';
import { logActivationCost } from './helpers/activationCost';
import { sandbox } from './helpers/sandboxAdmin';

describe('activation', () => {
  it(`activates ${EXTENSION_ID}`, async () => {
    const before = vscode.extensions.getExtension(EXTENSION_ID);
    const wasActive = before?.isActive ?? false;
    const started = performance.now();
    const extension = await activeExtension();
    const ms = performance.now() - started;
    assert.equal(extension.isActive, true);
    // A figure, not an assertion: benchmarks print, tests check behaviour.
    const figure = wasActive ? 'activation: already active when the suite started (not measured)' : `activation: ${ms.toFixed(1)} ms (load + activate(), in code-server)`;
    rigFromEnvironment()?.log(`      [figure] ${figure}`);
  });

  it('makes no network request by activating', async function () {
    requireRig(this);
    await activeExtension();
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything deferred after activate() has had its turn
    assert.equal((await sandbox.stats()).total, 0, 'requests at the sandbox');
  });

  it('runs in the remote extension host of the web workbench (code-server)', async function () {
    requireRig(this);
    const extension = await activeExtension();
    assert.ok(vscode.env.remoteName, 'vscode.env.remoteName is not set: not a remote extension host');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });
});

/**
 * Activation runs in every VS Code start (onStartupFinished), so its cost is printed beside the
 * built-in GitHub sign-in's and an empty extension's (the floor), as VS Code itself measured them in
 * this window: a figure, not an assertion. The reloaded window of the restart test prints its own (a second startup sample).
 */
describe('activation cost', () => {
  it("prints the activation figures beside github-authentication's and an empty extension's, as VS Code measured them", async function () {
    const rig = requireRig(this);
    await activeExtension();
    await logActivationCost(rig, 'first window');
  });
});
