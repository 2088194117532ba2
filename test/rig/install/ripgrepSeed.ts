import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../run/processes';
import { npmPack, readFromTarball } from './npm';

/**
 * The @vscode/ripgrep version VS Code pins in code-server's bundled npm-shrinkwrap.json, or
 * undefined when it pins none (4.139.1 does not): then there is no download to stand in for.
 */
export async function pinnedRipgrepVersion(codeServerTarball: string, scratch: string): Promise<string | undefined> {
  const text = await readFromTarball(codeServerTarball, 'package/lib/vscode/npm-shrinkwrap.json', scratch);
  if (!text) return undefined;
  const shrinkwrap = JSON.parse(text) as { packages?: Record<string, { version?: string }> };
  return shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, unreachable here, unless
 * `$TMPDIR/vscode-ripgrep-cache-<version>/ripgrep-<tag>-<target>.tar.gz` already exists: packs
 * Debian's rg under that name. The tag is the one its postinstall declares (`const VERSION`).
 */
export async function seedRipgrepDownload(version: string, tmp: string, staging: string, npmEnv: NodeJS.ProcessEnv): Promise<void> {
  const tarball = await npmPack(`@vscode/ripgrep@${version}`, staging, npmEnv);
  const postinstall = (await readFromTarball(tarball, 'package/lib/postinstall.js', staging)) ?? '';
  const tag = /const VERSION = ['"]([^'"]+)['"]/.exec(postinstall)?.[1];
  if (!tag) throw new Error(`@vscode/ripgrep@${version} lib/postinstall.js declares no VERSION`);
  const systemRipgrep = ['/usr/bin/rg', '/usr/local/bin/rg'].find((candidate) => existsSync(candidate));
  if (!systemRipgrep) throw new Error('ripgrep is not installed (apt-get install ripgrep): code-server cannot be installed offline without it');
  const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${version}`);
  await mkdir(cacheDir, { recursive: true });
  const archive = path.join(cacheDir, `ripgrep-${tag}-${ripgrepTarget()}.tar.gz`);
  // -h stores the file behind a symlink; the archive must hold a plain `rg` at its root.
  await runCommand('tar', ['-czhf', archive, '-C', path.dirname(systemRipgrep), path.basename(systemRipgrep)], { label: 'tar rg' });
}

function ripgrepTarget(): string {
  if (process.platform !== 'linux') throw new Error(`the offline code-server install supports Linux only, not ${process.platform}`);
  if (process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  throw new Error(`the offline code-server install supports x64 and arm64, not ${process.arch}`);
}
