/**
 * `npm run test:desktop`: the same integration suite in desktop VS Code through
 * @vscode/test-electron (extensionTestsPath mode). It downloads VS Code, so it needs internet;
 * offline it stops at once with that reason (use `npm run test:integration` there). On Linux it
 * needs an X display: `xvfb-run -a npm run test:desktop`. Tests that need the offline runner's
 * browser skip themselves.
 *
 *   BOOMTOWN_DESKTOP_VSCODE   the VS Code version (default: the lowest engines.vscode allows)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { buildExtension, buildIntegrationTests } from './run/build';
import { createRunFolders } from './run/runFolders';
import { startRigSandbox } from './run/sandbox';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** A download that has not finished by then is not going to. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
const say = (line: string) => console.log(`[desktop] ${line}`);

function oldestSupportedVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines?: { vscode?: string } };
  const version = /\d+\.\d+\.\d+/.exec(manifest.engines?.vscode ?? '')?.[0];
  if (!version) throw new Error('package.json has no engines.vscode');
  return version;
}

async function downloadVsCode(version: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no download after ${DOWNLOAD_TIMEOUT_MS / 1000} s`)), DOWNLOAD_TIMEOUT_MS);
  });
  try {
    return await Promise.race([downloadAndUnzipVSCode({ version, timeout: 30_000, cachePath: path.join(REPO_ROOT, '.vscode-test') }), timeout]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `test:desktop needs internet: @vscode/test-electron downloads VS Code ${version} from update.code.visualstudio.com, which failed (${reason}).\n` +
        'Offline, run the same suite in code-server instead: npm run test:integration',
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  const version = process.env.BOOMTOWN_DESKTOP_VSCODE ?? oldestSupportedVersion();
  say(`downloading VS Code ${version}`);
  const vscodeExecutablePath = await downloadVsCode(version);
  if (process.platform === 'linux' && !process.env.DISPLAY) {
    throw new Error('VS Code desktop needs an X display on Linux: run `xvfb-run -a npm run test:desktop`');
  }
  await buildExtension(REPO_ROOT, say);
  const extensionTestsPath = await buildIntegrationTests(REPO_ROOT);
  const folders = await createRunFolders('boomtown-desktop');
  const { sandbox, env } = await startRigSandbox({ autoApprove: true });
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath,
      extensionTestsEnv: env,
      launchArgs: [folders.workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', folders.userDataDir],
    });
  } finally {
    await sandbox.stop();
    await folders.remove();
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
