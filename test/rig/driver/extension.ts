/**
 * The test driver: an extension the runner copies into code-server's extensions folder. Once the
 * window has started it loads the bundled integration tests and runs them, reporting to the
 * runner over the bridge. VS Code itself is in plain extension-development mode, so the sign-in
 * dialogs behave as they do for a user.
 */
import * as vscode from 'vscode';
import { Rig } from '../../integration/helpers/rig';
import { RigEnv } from '../bridgeProtocol';
import { servePeer } from './peer';

interface TestsEntry {
  run(): Promise<void>;
}

export function activate(): void {
  const bridgeUrl = process.env[RigEnv.bridgeUrl];
  const testsEntry = process.env[RigEnv.testsEntry];
  // Inert anywhere but under the runner.
  if (!bridgeUrl || !testsEntry) return;
  // The GitHub sign-in activates now too, at startup like the extension under test (onStartupFinished),
  // so the activation-cost test compares two activations made under the same load. Silent: no prompt.
  void Promise.resolve(vscode.authentication.getSession('github', ['read:user'], { silent: true })).catch(() => undefined);
  void drive(new Rig(bridgeUrl), testsEntry);
}

async function drive(rig: Rig, testsEntry: string): Promise<void> {
  // A window reload restarts the extension host: the runner says whether the suite still has to run.
  const { run, peer, grep } = await rig.call('hello', {});
  if (peer) return servePeer(rig);
  if (!run) return;
  // A reload a test asked for: only the tests meant for the reloaded window run here.
  if (grep !== undefined) {
    process.env[RigEnv.grep] = grep;
    process.env[RigEnv.reloaded] = '1';
  }
  let outcome: { error?: string } = {};
  try {
    // Loaded at run time from the path the runner built, never bundled into the driver.
    const entry = require(testsEntry) as TestsEntry;
    await entry.run();
  } catch (error) {
    outcome = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  await rig.flush();
  const { reload } = await rig.call('done', outcome);
  // Outside the try: the reload tears this extension host down, and that must not read as the suite failing.
  if (reload) await Promise.resolve(vscode.commands.executeCommand('workbench.action.reloadWindow')).catch((error: unknown) => rig.log(`reloadWindow: ${String(error)}`));
}

export function deactivate(): void {}
