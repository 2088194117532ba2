import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { activeExtension } from './extensionUnderTest';
import { requireRig } from './rig';

describe('activation', () => {
  it(`activates ${EXTENSION_ID}`, async () => {
    const extension = await activeExtension();
    assert.equal(extension.isActive, true);
  });

  it('runs in the remote extension host of the web workbench (code-server)', async function () {
    requireRig(this);
    const extension = await activeExtension();
    assert.ok(vscode.env.remoteName, 'vscode.env.remoteName is not set: not a remote extension host');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });
});
