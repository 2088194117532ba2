import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../run/processes';
import { BUILD_PACKAGES, ensureDebianPackages, RIPGREP_PACKAGE, type InstallLog } from './debianPackages';
import { withInstallLock } from './installLock';
import { openPayloadGate, payloadGateChecked } from './payloadGate';
import { cleanNpmEnv, npmPack, readFromTarball } from './npm';
import { ensureNodeRuntime, nodeRuntimeOf, type NodeRuntime } from './nodeRuntime';
import { pinnedRipgrepVersion, seedRipgrepDownload } from './ripgrepSeed';

/** Written last, so an interrupted install is redone rather than trusted. */
const MARKER_FILE = '.boomtown-rig-complete';

export interface CodeServerInstall {
  version: string;
  dir: string;
  /** code-server's Node entry point. */
  entry: string;
  /** The Node it runs on: the rig's own, or the one installed beside it (code-server 4.139 wants Node 24). */
  node: NodeRuntime;
  /** The VS Code release inside, e.g. 1.139.1. */
  vscodeVersion: string;
}

/** Where installs are cached: outside the clone, so repeated runs and fresh clones reuse them. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.BOOMTOWN_RIG_CACHE || path.join(os.homedir(), '.cache', 'boomtown-vscode');
}

export function codeServerInstallDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheRoot(env), `code-server-${version}`);
}

function installAt(version: string, dir: string): CodeServerInstall | undefined {
  const packageDir = path.join(dir, 'node_modules', 'code-server');
  const entry = path.join(packageDir, 'out', 'node', 'entry.js');
  if (!existsSync(path.join(dir, MARKER_FILE)) || !existsSync(entry)) return undefined;
  const readJson = (file: string) => JSON.parse(readFileSync(path.join(packageDir, file), 'utf8')) as { engines?: { node?: string }; version?: string };
  return {
    version,
    dir,
    entry,
    node: nodeRuntimeOf(dir, readJson('package.json').engines?.node),
    vscodeVersion: readJson(path.join('lib', 'vscode', 'package.json')).version ?? 'unknown',
  };
}

/**
 * Installs code-server `version` from the npm registry once (a minute or more and 300 MB or more;
 * Node 24 too when it wants that) and reuses it after. The Debian packages its native modules need are
 * installed first when missing. Its workbench reads the URL's payload as VS Code 1.100 does
 * (payloadGate.ts), so the development folder loads in every release.
 */
export async function ensureCodeServer(version: string, log: InstallLog, env: NodeJS.ProcessEnv = process.env): Promise<CodeServerInstall> {
  const dir = codeServerInstallDir(version, env);
  const cached = installAt(version, dir);
  if (cached && payloadGateChecked(dir)) return cached;
  return withInstallLock(`${dir}.lock`, log, async () => {
    const ready = installAt(version, dir) ?? (await install(version, dir, log, env));
    await openPayloadGate(dir, ready.vscodeVersion);
    return ready;
  });
}

async function install(version: string, dir: string, log: InstallLog, env: NodeJS.ProcessEnv): Promise<CodeServerInstall> {
  log(`Installing code-server ${version} into ${dir} (once: a minute or two, longer where native modules are built)...`);
  const started = Date.now();
  await rm(dir, { recursive: true, force: true });
  const staging = path.join(dir, 'staging');
  const tmp = path.join(dir, 'tmp');
  await mkdir(staging, { recursive: true });
  await mkdir(tmp, { recursive: true });
  const npmEnv = cleanNpmEnv(env, tmp);

  const tarball = await npmPack(`code-server@${version}`, staging, npmEnv);
  const manifest = JSON.parse((await readFromTarball(tarball, 'package/package.json', staging)) ?? '{}') as { engines?: { node?: string } };
  const ripgrepVersion = await pinnedRipgrepVersion(tarball, staging);
  await ensureDebianPackages([...BUILD_PACKAGES, ...(ripgrepVersion ? [RIPGREP_PACKAGE] : [])], `installing code-server ${version}`, log);
  if (ripgrepVersion) await seedRipgrepDownload(ripgrepVersion, tmp, staging, npmEnv);
  const node = await ensureNodeRuntime(dir, manifest.engines?.node, staging, npmEnv);
  if (node.headersDir) log(`code-server ${version} runs on Node ${manifest.engines?.node}: installed ${await nodeVersion(node)} for it`);

  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'boomtown-rig-code-server', private: true }, null, 2));
  await runCommand('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--omit=dev', tarball], {
    cwd: dir,
    // Install scripts (code-server's Node check, node-gyp builds) run on the Node code-server runs
    // on, against its headers rather than a download of them.
    env: node.headersDir
      ? { ...npmEnv, PATH: `${path.dirname(node.binary)}${path.delimiter}${npmEnv.PATH ?? ''}`, npm_config_nodedir: node.headersDir }
      : npmEnv,
    label: `npm install code-server@${version}`,
  });

  const required = [path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js')];
  if (ripgrepVersion) required.push(path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  for (const file of required) {
    if (!existsSync(file)) throw new Error(`code-server ${version} install is incomplete: ${file} is missing`);
  }
  await rm(staging, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
  await writeFile(path.join(dir, MARKER_FILE), `code-server ${version} installed ${new Date().toISOString()}\n`);
  log(`code-server ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  const installed = installAt(version, dir);
  if (!installed) throw new Error(`code-server ${version} install is incomplete: ${dir}`);
  return installed;
}

async function nodeVersion(node: NodeRuntime): Promise<string> {
  return `Node ${(await runCommand(node.binary, ['--version'], { label: 'node --version' })).trim()}`;
}
