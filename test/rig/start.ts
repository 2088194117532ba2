/**
 * `npm start`: the extension in a real VS Code (code-server) against the BoomTown sandbox, for a
 * person to try. Prints one URL to open; Ctrl+C stops everything.
 *
 *   BOOMTOWN_START_PORT   code-server's port (default 8080; 0 = any free port)
 */
import path from 'node:path';
import { buildExtension } from './build';
import { Cleanup, onStopSignal } from './cleanup';
import { ensureCodeServer, startCodeServer } from './codeServer';
import { createRunFolders } from './runFolders';
import { startRigSandbox } from './sandbox';
import { workbenchUrl } from './workbench';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const say = (line: string) => console.error(`[start] ${line}`);

async function main(cleanup: Cleanup): Promise<void> {
  const port = Number(process.env.BOOMTOWN_START_PORT ?? 8080);
  const folders = await createRunFolders('boomtown-start');
  cleanup.add('folders', () => folders.remove());

  say('building the extension');
  await buildExtension(REPO_ROOT, say);
  const install = await ensureCodeServer(say);

  // Consent is not automatic, so the sandbox's consent page is seen as a user would see it.
  const { sandbox, env } = await startRigSandbox({ autoApprove: false });
  cleanup.add('sandbox', () => sandbox.stop());
  const codeServer = await startCodeServer({
    install,
    port,
    userDataDir: folders.userDataDir,
    extensionsDir: folders.extensionsDir,
    scratchDir: folders.codeServerScratch,
    env,
  });
  cleanup.add('code-server', () => codeServer.stop());
  void codeServer.exited.then((how) => stop(`code-server stopped by itself (${how})`, 1));

  say(`sandbox (BoomTown emulator) at ${sandbox.url}; Ctrl+C stops everything`);
  console.log(workbenchUrl({ codeServerUrl: codeServer.url, folder: folders.workspace, extensionDevelopmentPath: REPO_ROOT }));
}

const cleanup = new Cleanup();
let stopping = false;
/** The first reason to stop is the one reported and the exit code used. */
function stop(reason: string, exitCode: number): void {
  if (stopping) return;
  stopping = true;
  say(`${reason}: stopping everything`);
  void cleanup.runAll(say).finally(() => process.exit(exitCode));
}

onStopSignal((signal, exitCode) => stop(signal, exitCode));
main(cleanup).catch((error: unknown) => stop(error instanceof Error ? error.message : String(error), 1));
