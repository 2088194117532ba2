import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEFAULT_CHROMIUM } from '../browser';
import { runCommand } from '../run/processes';

export type InstallLog = (line: string) => void;

/** What code-server's native modules need to build offline (kerberos from source, node-pty, argon2). */
export const BUILD_PACKAGES = ['g++', 'make', 'python3', 'pkg-config', 'libkrb5-dev'] as const;
/** Stands in for @vscode/ripgrep's GitHub download, in releases that pin that package. */
export const RIPGREP_PACKAGE = 'ripgrep';
/** The browser that shows the workbench in the integration rig. */
export const CHROMIUM_PACKAGE = 'chromium';

/**
 * Installs the Debian packages of `packages` that are missing, with apt-get as root or through
 * sudo. Without either it fails with the exact command to run. `why` says what needs them.
 */
export async function ensureDebianPackages(packages: readonly string[], why: string, log: InstallLog): Promise<void> {
  if (!hasCommand('dpkg-query') || !hasCommand('apt-get')) {
    log(`not a Debian system: make sure ${packages.join(' ')} (or their equivalents) are installed, for ${why}`);
    return;
  }
  const missing = packages.filter((name) => !isInstalled(name));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !hasCommand('sudo')) {
    throw new Error(`${why} needs the Debian packages ${missing.join(', ')}. Install them as root, then run this again:\n  ${command}`);
  }
  log(`Installing Debian packages for ${why}: ${missing.join(' ')}${asRoot ? '' : ' (through sudo)'}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt-get at work (a second checkout setting up) is waited for rather than failed on.
  const aptGet = (args: string[]) => {
    const full = ['-o', 'DPkg::Lock::Timeout=600', ...args];
    const label = `apt-get ${args.join(' ')}`;
    return asRoot ? runCommand('apt-get', full, { env, label }) : runCommand('sudo', ['apt-get', ...full], { env, label });
  };
  try {
    await aptGet(['update', '-qq']);
    await aptGet(['install', '-y', '-qq', ...missing]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`installing ${missing.join(', ')} failed. Install them as root, then run this again:\n  ${command}\n${reason}`, { cause: error });
  }
  const stillMissing = missing.filter((name) => !isInstalled(name));
  if (stillMissing.length) throw new Error(`apt-get did not install ${stillMissing.join(', ')}; run as root:\n  ${command}`);
}

function isInstalled(name: string): boolean {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.includes('install ok installed');
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** The browser the rig drives: Debian's chromium, installed when missing, unless BOOMTOWN_RIG_CHROMIUM names another. */
export async function ensureChromium(log: InstallLog, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.BOOMTOWN_RIG_CHROMIUM) return;
  if (!existsSync(DEFAULT_CHROMIUM)) await ensureDebianPackages([CHROMIUM_PACKAGE], 'the integration tests (the browser showing VS Code)', log);
}
