import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import { EMPTY_EXTENSION_ID, STARTUP_ACTIVATION_LABEL } from '../../rig/bridgeProtocol';
import type { Rig } from './rig';
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
 * "Extension Activation Stats" table: Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By),
 * once it lists all of `extensionIds`.
 */
async function activationStats(extensionIds: readonly string[]): Promise<Map<string, ActivationRow>> {
  await vscode.commands.executeCommand('perfview.show');
  try {
    return await eventually('the Startup Performance document', async () => {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.scheme === 'perf');
      const rows = document ? parseActivationStats(document.getText()) : new Map<string, ActivationRow>();
      return extensionIds.every((id) => rows.has(id)) ? rows : undefined;
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

/**
 * What VS Code counts as an extension's activation: Load Code (reading and evaluating the main file,
 * with what the host waits for before it) plus Call Activate (the synchronous run of activate()).
 * Finish Activate is left out: async work after activate() returned is the extension's own business.
 */
const cost = (row: ActivationRow) => row.loadCodeMs + row.callActivateMs;
const describe = (row: ActivationRow) => `Load Code ${row.loadCodeMs} + Call Activate ${row.callActivateMs}, ${row.event}`;

/**
 * Prints this window's startup activation of the extension beside the built-in GitHub sign-in's and
 * the rig's empty extension's (an ES module main with a one-line activate, activated by the same
 * events as ours, test/rig/empty), as VS Code's own table reports them, each with the event that
 * activated it: a figure, not an assertion. The three activate at startup (the test driver asks for a
 * GitHub session then, silently). `startup` names the window. The first line is the one the rig's
 * runner parses (test/rig/run/startupFigures.ts) into medians.
 */
export async function logActivationCost(rig: Rig, startup: string): Promise<void> {
  await Promise.resolve(vscode.authentication.getSession('github', ['read:user'], { silent: true })).catch(() => undefined);
  const stats = await activationStats([EXTENSION_ID, GITHUB_AUTHENTICATION, EMPTY_EXTENSION_ID]);
  const [ours, github, empty] = [stats.get(EXTENSION_ID)!, stats.get(GITHUB_AUTHENTICATION)!, stats.get(EMPTY_EXTENSION_ID)!];
  rig.log(
    `      [figure] ${STARTUP_ACTIVATION_LABEL} (${startup}): boomtown ${cost(ours)} ms by ${ours.event}, github-authentication ${cost(github)} ms by ${github.event}, ` +
      `empty ${cost(empty)} ms by ${empty.event} (Load Code + Call Activate, VS Code's Extension Activation Stats; one startup sample each)`,
  );
  rig.log(`      [figure] boomtown: ${describe(ours)}; github-authentication: ${describe(github)}; empty: ${describe(empty)}`);
}
