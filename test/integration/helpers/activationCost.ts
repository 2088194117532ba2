import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import { ACTIVATION_RATIO_LABEL } from '../../rig/bridgeProtocol';
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

interface MarkedCost {
  /** require() of the main file, synchronous between its two marks. */
  requireMs: number;
  /** From the call of activate() to the mark after its promise settled: see activationCost(). */
  settledMs: number;
}

/**
 * The extension host's own performance marks around require() of the extension's main file and its
 * activate() (code/extHost/{will,did}{LoadExtensionCode,ActivateExtension}/<id>).
 */
function markedCost(extensionId: string): MarkedCost | undefined {
  const store = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks;
  const marks = store?.getMarks() ?? [];
  const at = (name: string) => marks.find((mark) => mark.name === `code/extHost/${name}/${extensionId}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if ([willLoad, didLoad, willActivate, didActivate].some((time) => time === undefined)) return undefined;
  return { requireMs: didLoad! - willLoad!, settledMs: didActivate! - willActivate! };
}

interface Cost {
  requireMs: number;
  activateMs: number;
}

/**
 * What an extension's activation costs the extension host, without what the host did meanwhile for
 * others: require() from the marks (synchronous between them), and activate() as VS Code's "Call
 * Activate" column (its synchronous run; async work after it is the extension's own business, as it
 * is for the sign-in work we do after activation). Not "Load Code": it also counts waiting, at an
 * `await` before the require, for every other extension activating at startup. Not the span between
 * the activate marks: it ends three promise hops after activate() returns, and the other extensions'
 * code the host runs in those hops is counted in (measured: 34 ms against a Call Activate of 4).
 */
function activationCost(marked: MarkedCost, row: ActivationRow): Cost {
  return { requireMs: marked.requireMs, activateMs: row.callActivateMs };
}

/**
 * Module load of both main files again, in this extension host, alternating fresh require()s: single
 * startup samples swing with whatever else the machine does at that moment; medians of pairs taken
 * side by side do not.
 */
function alternatingRequireMedians(files: readonly string[], rounds = 9): number[] {
  const samples = files.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    files.forEach((file, index) => {
      const resolved = require.resolve(file);
      delete require.cache[resolved];
      const started = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- timing require() itself is the point
      require(resolved);
      samples[index].push(performance.now() - started);
      delete require.cache[resolved];
    });
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

function mainFile(extensionId: string): string {
  const extension = vscode.extensions.getExtension(extensionId)!;
  return path.join(extension.extensionPath, String((extension.packageJSON as { main: string }).main));
}

const describeCost = (cost: Cost, marked: MarkedCost, row: ActivationRow) =>
  `${cost.requireMs + cost.activateMs} ms (require() ${cost.requireMs} + activate() ${cost.activateMs}; ${row.event}; VS Code's Startup Performance table: Load Code ${row.loadCodeMs}, Call Activate ${row.callActivateMs}; activate() to settled, by the marks: ${marked.settledMs})`;

/**
 * Prints this window's startup activation of the extension beside the built-in GitHub sign-in's, as
 * VS Code measured both (its performance marks): a figure, not an assertion. Both activate at
 * startup (the test driver asks for a GitHub session then, silently). `startup` names the window.
 * The rig's runner gathers the ratio lines of every startup of a run into one median.
 */
export async function logActivationCost(rig: Rig, startup: string): Promise<void> {
  await Promise.resolve(vscode.authentication.getSession('github', ['read:user'], { silent: true })).catch(() => undefined);
  const stats = await activationStats();
  const [ours, github] = [stats.get(EXTENSION_ID)!, stats.get(GITHUB_AUTHENTICATION)!];
  const [ourMarks, githubMarks] = [markedCost(EXTENSION_ID), markedCost(GITHUB_AUTHENTICATION)];
  assert.ok(ourMarks && githubMarks, 'the extension host has no performance marks for both extensions');
  const [ourCost, githubCost] = [activationCost(ourMarks, ours), activationCost(githubMarks, github)];
  const ratio = (ourCost.requireMs + ourCost.activateMs) / Math.max(1, githubCost.requireMs + githubCost.activateMs);
  rig.log(`      [figure] activation (${startup}): ${describeCost(ourCost, ourMarks, ours)}`);
  rig.log(`      [figure] github-authentication, same startup: ${describeCost(githubCost, githubMarks, github)}`);
  rig.log(`      [figure] ${ACTIVATION_RATIO_LABEL}: ${ratio.toFixed(2)} (goal ≤ 0.33; one startup sample each, ${startup})`);
  const [ourLoad, githubLoad] = alternatingRequireMedians([mainFile(EXTENSION_ID), mainFile(GITHUB_AUTHENTICATION)]);
  const steady = (ourLoad + ourCost.activateMs) / (githubLoad + githubCost.activateMs);
  rig.log(
    `      [figure] require() again in this host, medians of 9 side-by-side pairs: ${ourLoad.toFixed(1)} ms against ${githubLoad.toFixed(1)} ms; with each activate(): ratio ${steady.toFixed(2)} (goal ≤ 0.33)`,
  );
}
