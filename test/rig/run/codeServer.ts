import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CodeServerInstall } from '../install/codeServerInstall';
import { runCommand, spawnGroup, stopGroup, waitForOutput } from './processes';

export interface CodeServerOptions {
  install: CodeServerInstall;
  /** 0 (the default) lets the system choose a free port. */
  port?: number;
  userDataDir: string;
  extensionsDir: string;
  /** A scratch folder for code-server's config file and XDG folders. */
  scratchDir: string;
  /** Added to this process's environment; the extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  /** User settings, over OFFLINE_SETTINGS. */
  settings?: Record<string, unknown>;
  startTimeoutMs?: number;
}

export interface RunningCodeServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  port: number;
  /** Everything code-server printed, for diagnostics when something goes wrong. */
  output(): string;
  /** Resolves with a description when code-server exits, whoever stopped it. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/**
 * Nothing may try to reach the internet: built-in extensions (git, github, …) would otherwise send
 * telemetry, and their DNS failures surface as uncaught errors inside the extension host, where
 * mocha blames them on whichever test is running.
 */
export const OFFLINE_SETTINGS: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
};

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const userSettingsDir = path.join(options.userDataDir, 'User');
  await mkdir(userSettingsDir, { recursive: true });
  await writeFile(path.join(userSettingsDir, 'settings.json'), JSON.stringify({ ...OFFLINE_SETTINGS, ...options.settings }, null, 2));
  const scratch = await prepareScratch(options.scratchDir);

  const child = spawnGroup(
    options.install.node.binary,
    [
      options.install.entry,
      '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--config', scratch.configFile,
      '--user-data-dir', options.userDataDir,
      '--extensions-dir', options.extensionsDir,
    ],
    { env: { ...process.env, ...options.env, ...scratch.env } },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () => stopGroup(child);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)));

  try {
    const line = await waitForOutput(child, /HTTP server listening on/, options.startTimeoutMs ?? 60_000, 'code-server');
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]);
    if (!port) throw new Error(`code-server: cannot read the port from "${line}"`);
    return { url: `http://127.0.0.1:${port}`, port, output: () => output, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const VSIX_INSTALL_TIMEOUT_MS = 60_000;

export interface VsixInstallOptions {
  install: CodeServerInstall;
  vsix: string;
  userDataDir: string;
  extensionsDir: string;
  scratchDir: string;
}

/**
 * Installs a .vsix the way a user would, with code-server's own CLI, offline. Extensions already
 * copied into the folder (the test driver) are registered in its extensions.json at the same time,
 * so copy them in first: VS Code ignores folders that extensions.json does not list.
 */
export async function installVsix(options: VsixInstallOptions): Promise<string> {
  const scratch = await prepareScratch(options.scratchDir);
  return runCommand(
    options.install.node.binary,
    [
      options.install.entry,
      '--config', scratch.configFile,
      '--user-data-dir', options.userDataDir,
      '--extensions-dir', options.extensionsDir,
      '--install-extension', options.vsix,
    ],
    {
      env: { ...process.env, ...scratch.env },
      label: `code-server --install-extension ${path.basename(options.vsix)}`,
      // It takes about a second; a hang must not outlive the run.
      timeout: VSIX_INSTALL_TIMEOUT_MS,
    },
  );
}

/**
 * code-server's config file and XDG folders in the run's scratch folder, so nothing is read from or
 * written to $HOME, and no gallery: code-server would otherwise try to reach open-vsx.org.
 */
async function prepareScratch(scratchDir: string): Promise<{ configFile: string; env: NodeJS.ProcessEnv }> {
  const configFile = path.join(scratchDir, 'config.yaml');
  const xdg = (name: string) => path.join(scratchDir, 'xdg', name);
  await mkdir(scratchDir, { recursive: true });
  await writeFile(configFile, '');
  for (const name of ['config', 'data', 'cache', 'state']) await mkdir(xdg(name), { recursive: true });
  const tmp = path.join(scratchDir, 'tmp');
  await mkdir(tmp, { recursive: true });
  return {
    configFile,
    env: {
      EXTENSIONS_GALLERY: '{"serviceUrl":""}',
      XDG_CONFIG_HOME: xdg('config'),
      XDG_DATA_HOME: xdg('data'),
      XDG_CACHE_HOME: xdg('cache'),
      XDG_STATE_HOME: xdg('state'),
      // The extension host's sockets and temp files go with the run, not into the system /tmp.
      TMPDIR: tmp,
    },
  };
}
