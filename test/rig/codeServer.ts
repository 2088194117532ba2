import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand, spawnGroup, stopGroup, waitForOutput } from './processes';

/** The newest code-server that runs on Node 20 (VS Code 1.100.3): the oldest VS Code the extension supports. */
export const CODE_SERVER_VERSION = '4.100.3';
const MARKER_FILE = '.boomtown-rig-complete';

export interface CodeServerInstall {
  dir: string;
  /** code-server's Node entry point, run with this Node (code-server 4.100 requires Node 20). */
  entry: string;
}

export type RigLog = (line: string) => void;

/** Where code-server is cached: outside the clone, so repeated runs and fresh clones reuse it. */
export function codeServerInstallDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot = env.BOOMTOWN_RIG_CACHE || path.join(os.homedir(), '.cache', 'boomtown-vscode');
  return path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
}

/**
 * Installs code-server from the npm registry once (about a minute, 300 MB) and reuses it after.
 * The marker file is written last, so an interrupted install is redone rather than trusted.
 */
export async function ensureCodeServer(log: RigLog, env: NodeJS.ProcessEnv = process.env): Promise<CodeServerInstall> {
  const dir = codeServerInstallDir(env);
  const install = { dir, entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js') };
  if (existsSync(path.join(dir, MARKER_FILE)) && existsSync(install.entry)) return install;

  log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (once, about a minute)...`);
  const started = Date.now();
  await rm(dir, { recursive: true, force: true });
  const staging = path.join(dir, 'staging');
  const tmp = path.join(dir, 'tmp');
  await mkdir(staging, { recursive: true });
  await mkdir(tmp, { recursive: true });
  const npmEnv = cleanNpmEnv(env, tmp);

  const codeServerTarball = await npmPack(`code-server@${CODE_SERVER_VERSION}`, staging, npmEnv);
  const ripgrepVersion = await ripgrepVersionOf(codeServerTarball, staging);
  const ripgrepTarball = await npmPack(`@vscode/ripgrep@${ripgrepVersion}`, staging, npmEnv);
  const ripgrepTag = await ripgrepTagOf(ripgrepTarball, staging);
  await seedRipgrepDownloadCache(tmp, ripgrepVersion, ripgrepTag);

  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'boomtown-rig-code-server', private: true }, null, 2));
  await runCommand('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--omit=dev', codeServerTarball], {
    cwd: dir,
    env: npmEnv,
    label: `npm install code-server@${CODE_SERVER_VERSION}`,
  });

  const bundledRipgrep = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  for (const required of [install.entry, bundledRipgrep]) {
    if (!existsSync(required)) throw new Error(`code-server install is incomplete: ${required} is missing`);
  }
  await rm(staging, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
  await writeFile(path.join(dir, MARKER_FILE), `code-server ${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return install;
}

/**
 * The environment for npm: our own TMPDIR (where @vscode/ripgrep looks for its download cache), root
 * allowed to run install scripts, `npx node-gyp` allowed without a prompt, and none of the npm_*
 * variables of an outer `npm run`, which would otherwise redirect this install into the clone.
 */
function cleanNpmEnv(env: NodeJS.ProcessEnv, tmp: string): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (!/^npm_/i.test(key)) clean[key] = value;
  }
  return {
    ...clean,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_update_notifier: 'false',
  };
}

async function npmPack(spec: string, destination: string, env: NodeJS.ProcessEnv): Promise<string> {
  const output = await runCommand('npm', ['pack', spec, '--pack-destination', destination, '--json'], {
    cwd: destination,
    env,
    label: `npm pack ${spec}`,
  });
  const packed = JSON.parse(output.slice(output.indexOf('['))) as Array<{ filename: string }>;
  const filename = packed[0]?.filename;
  if (!filename) throw new Error(`npm pack ${spec} reported no file`);
  return path.join(destination, filename);
}

async function extractOne(tarball: string, member: string, destination: string): Promise<string> {
  await runCommand('tar', ['-xzf', tarball, '-C', destination, member], { label: `tar ${member}` });
  return readFile(path.join(destination, member), 'utf8');
}

/** The @vscode/ripgrep version VS Code pins, from code-server's bundled npm-shrinkwrap.json. */
async function ripgrepVersionOf(codeServerTarball: string, staging: string): Promise<string> {
  const shrinkwrap = JSON.parse(await extractOne(codeServerTarball, 'package/lib/vscode/npm-shrinkwrap.json', staging)) as {
    packages?: Record<string, { version?: string }>;
  };
  const version = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new Error('code-server lib/vscode/npm-shrinkwrap.json pins no @vscode/ripgrep');
  return version;
}

/** The ripgrep release tag that @vscode/ripgrep's postinstall downloads (its `const VERSION`). */
async function ripgrepTagOf(ripgrepTarball: string, staging: string): Promise<string> {
  const postinstall = await extractOne(ripgrepTarball, 'package/lib/postinstall.js', staging);
  const tag = /const VERSION = ['"]([^'"]+)['"]/.exec(postinstall)?.[1];
  if (!tag) throw new Error('@vscode/ripgrep lib/postinstall.js declares no VERSION');
  return tag;
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, unreachable here, unless
 * `$TMPDIR/vscode-ripgrep-cache-<version>/ripgrep-<tag>-<target>.tar.gz` already exists: pack
 * Debian's rg under that name.
 */
async function seedRipgrepDownloadCache(tmp: string, version: string, tag: string): Promise<void> {
  const target = ripgrepTarget();
  const systemRipgrep = ['/usr/bin/rg', '/usr/local/bin/rg'].find((candidate) => existsSync(candidate));
  if (!systemRipgrep) throw new Error('ripgrep is not installed (apt-get install ripgrep): code-server cannot be installed offline without it');
  const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${version}`);
  await mkdir(cacheDir, { recursive: true });
  const archive = path.join(cacheDir, `ripgrep-${tag}-${target}.tar.gz`);
  // -h stores the file behind a symlink; the archive must hold a plain `rg` at its root.
  await runCommand('tar', ['-czhf', archive, '-C', path.dirname(systemRipgrep), path.basename(systemRipgrep)], { label: 'tar rg' });
}

function ripgrepTarget(): string {
  if (process.platform !== 'linux') throw new Error(`the offline code-server install supports Linux only, not ${process.platform}`);
  if (process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  throw new Error(`the offline code-server install supports x64 and arm64, not ${process.arch}`);
}

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
    process.execPath,
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
    process.execPath,
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
