/**
 * The test driver: an extension the runner copies into code-server's extensions folder. Once the
 * window has started it loads the bundled integration tests and runs them, reporting to the
 * runner over the bridge. VS Code itself is in plain extension-development mode, so the sign-in
 * dialogs behave as they do for a user.
 */
import { Rig } from '../../integration/rig';
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
  void drive(new Rig(bridgeUrl), testsEntry);
}

async function drive(rig: Rig, testsEntry: string): Promise<void> {
  // A window reload restarts the extension host: the runner says whether the suite still has to run.
  const { run, peer } = await rig.call('hello', {});
  if (peer) return servePeer(rig);
  if (!run) return;
  try {
    // Loaded at run time from the path the runner built, never bundled into the driver.
    const entry = require(testsEntry) as TestsEntry;
    await entry.run();
    await rig.flush();
    await rig.call('done', {});
  } catch (error) {
    await rig.flush();
    await rig.call('done', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

export function deactivate(): void {}
