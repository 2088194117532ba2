/**
 * `npm start`: the extension in a real VS Code (code-server) against the BoomTown sandbox, for a
 * person to try. Installs what it needs on first use (the Debian packages code-server's build
 * needs, code-server into the cache), then prints one URL to open; Ctrl+C stops everything.
 *
 *   --code-server <version>   BOOMTOWN_CODE_SERVER   oldest (4.100.3, default), newest (4.139.1) or an exact version
 *   BOOMTOWN_START_PORT       code-server's port (default 8080; 0 = any free port)
 */
import path from 'node:path';
import { ensureCodeServer } from './install/codeServerInstall';
import { OLDEST_CODE_SERVER, resolveCodeServerVersions } from './install/versions';
import { buildExtension } from './run/build';
import { Cleanup, onStopSignal } from './run/cleanup';
import { startCodeServer } from './run/codeServer';
import { createRunFolders } from './run/runFolders';
import { startRigSandbox } from './run/sandbox';
import { workbenchUrl } from './workbench/workbench';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const say = (line: string) => console.error(`[start] ${line}`);

function chosenVersion(): string {
  const at = process.argv.indexOf('--code-server');
  const versions = resolveCodeServerVersions((at >= 0 ? process.argv[at + 1] : undefined) ?? process.env.BOOMTOWN_CODE_SERVER ?? OLDEST_CODE_SERVER);
  if (versions.length !== 1) throw new Error(`npm start opens one VS Code: give one code-server version, not ${versions.join(', ')}`);
  return versions[0]!;
}

async function main(cleanup: Cleanup): Promise<void> {
  const version = chosenVersion();
  const port = Number(process.env.BOOMTOWN_START_PORT ?? 8080);
  const folders = await createRunFolders('boomtown-start');
  cleanup.add('folders', () => folders.remove());

  say('building the extension');
  await buildExtension(REPO_ROOT, say);
  const install = await ensureCodeServer(version, say);

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

  say(`code-server ${version} (VS Code ${install.vscodeVersion}); sandbox (BoomTown emulator) at ${sandbox.url}; Ctrl+C stops everything`);
  say('open this in a browser:');
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
