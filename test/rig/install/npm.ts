import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../run/processes';

/**
 * The environment for npm installing code-server: our own TMPDIR (where @vscode/ripgrep looks for
 * its download cache), root allowed to run install scripts, `npx node-gyp` allowed without a
 * prompt, and none of the npm_* variables of an outer `npm run`, which would otherwise redirect
 * the install into the clone.
 */
export function cleanNpmEnv(env: NodeJS.ProcessEnv, tmp: string): NodeJS.ProcessEnv {
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

/** Downloads a package's tarball (or finds it in npm's cache); answers its path. */
export async function npmPack(spec: string, destination: string, env: NodeJS.ProcessEnv): Promise<string> {
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

/** One file of a package tarball, as text; undefined when the tarball does not hold it. */
export async function readFromTarball(tarball: string, member: string, scratch: string): Promise<string | undefined> {
  try {
    await runCommand('tar', ['-xzf', tarball, '-C', scratch, member], { label: `tar ${member}` });
  } catch {
    return undefined;
  }
  return readFile(path.join(scratch, member), 'utf8');
}
