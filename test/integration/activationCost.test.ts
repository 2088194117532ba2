import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { activeExtension } from './extensionUnderTest';
import { requireRig } from './rig';
import { eventually } from './sandboxAdmin';

const GITHUB_AUTHENTICATION = 'vscode.github-authentication';

interface ActivationRow {
  eager: boolean;
  loadCodeMs: number;
  callActivateMs: number;
  finishActivateMs: number;
  event: string;
}

/**
 * VS Code's own record of extension activations, from "Developer: Startup Performance" (its
 * "Extension Activation Stats" table: Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By).
 */
async function activationStats(): Promise<Map<string, ActivationRow>> {
  await vscode.commands.executeCommand('perfview.show');
  try {
    return await eventually('the Startup Performance document', async () => {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.scheme === 'perf');
      const rows = document ? parseActivationStats(document.getText()) : new Map<string, ActivationRow>();
      return rows.has(EXTENSION_ID) && rows.has(GITHUB_AUTHENTICATION) ? rows : undefined;
    });
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
}

function parseActivationStats(markdown: string): Map<string, ActivationRow> {
  const rows = new Map<string, ActivationRow>();
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Extension Activation Stats')) ?? '';
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    // | id | eager | load | call | finish | event | by |
    if (cells.length < 8 || !/^\d+$/.test(cells[3])) continue;
    rows.set(cells[1], { eager: cells[2] === 'true', loadCodeMs: Number(cells[3]), callActivateMs: Number(cells[4]), finishActivateMs: Number(cells[5]), event: cells[6] });
  }
  return rows;
}

const describeRow = (row: ActivationRow) =>
  `${row.loadCodeMs + row.callActivateMs} ms (load ${row.loadCodeMs} + activate() ${row.callActivateMs}; ${row.event}${row.eager ? ', eager' : ''})`;

/**
 * Activation runs in every VS Code start (onStartupFinished), so its cost is printed beside the
 * built-in GitHub sign-in's, as VS Code itself measured both in this window: a figure, not an assertion.
 */
describe('activation cost', () => {
  it("prints the activation figure beside github-authentication's, as VS Code measured both", async function () {
    const rig = requireRig(this);
    await activeExtension();
    // The GitHub sign-in activates on its first session request; a silent one asks nothing of anyone.
    await Promise.resolve(vscode.authentication.getSession('github', ['read:user'], { silent: true })).catch(() => undefined);
    const stats = await activationStats();
    const ours = stats.get(EXTENSION_ID);
    const github = stats.get(GITHUB_AUTHENTICATION);
    assert.ok(ours && github);
    const ratio = (ours.loadCodeMs + ours.callActivateMs) / (github.loadCodeMs + github.callActivateMs);
    rig.log(`      [figure] activation: ${describeRow(ours)}`);
    rig.log(`      [figure] github-authentication, same run: ${describeRow(github)}`);
    rig.log(`      [figure] activation / github-authentication: ${ratio.toFixed(2)} (goal ≤ 0.33)`);
  });
});
