import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig } from './helpers/rig';
import { eventually } from './helpers/sandboxAdmin';

describe('"BoomTown: Diagnose Sign-in" in the web workbench', () => {
  it('reports a healthy setup against the sandbox, naming the callback VS Code forwards', async function () {
    const rig = requireRig(this);
    await activeExtension();
    const problems = await vscode.commands.executeCommand<number>(Commands.diagnose);
    const report = await eventually('the report document', async () =>
      vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'boomtown-raw' && doc.languageId === 'markdown' && doc.getText().includes('sign-in diagnosis')),
    );
    const text = report.getText();
    assert.equal(problems, 0, text);
    assert.match(text, /No problems found/);
    // In code-server the callback is the workbench's own http URL, after asExternalUri.
    assert.match(text, /After asExternalUri: `http:\/\/127\.0\.0\.1:\d+\/.*callback\?vscode-reqid=\d+&vscode-scheme=code-oss/);
    assert.match(text, /UI kind: Web; remote: 127\.0\.0\.1:\d+/);
    assert.ok(!text.includes(process.env.BOOMTOWN_CLIENT_SECRET ?? '<no secret>'), 'never the client secret');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the preview renders
    await rig.screenshot('diagnosis');
  });
});
