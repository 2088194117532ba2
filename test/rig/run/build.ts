import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { runCommand } from './processes';

/** The extension's own build (the lead's esbuild.mjs), when the project has one. */
export async function buildExtension(extensionRoot: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(path.join(extensionRoot, 'esbuild.mjs'))) {
    log(`no esbuild.mjs in ${extensionRoot}: using the extension as it is`);
    return;
  }
  await runCommand(process.execPath, ['esbuild.mjs'], { cwd: extensionRoot, label: 'node esbuild.mjs' });
}

/**
 * Bundles test/integration/index.ts and every *.test.ts beside it, one file each, so index.js can
 * hand mocha the test files it finds next to itself. `vscode` is provided by the extension host
 * and mocha is loaded from node_modules, as @vscode/test-electron expects too.
 */
export async function buildIntegrationTests(repoRoot: string): Promise<string> {
  const sourceDir = path.join(repoRoot, 'test', 'integration');
  const outDir = path.join(repoRoot, 'dist', 'test', 'integration');
  const testFiles = (await readdir(sourceDir, { recursive: true }))
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join(sourceDir, file));
  // Start empty: a deleted test must not keep running from an old bundle.
  await rm(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(sourceDir, 'index.ts'), ...testFiles],
    outdir: outDir,
    outbase: sourceDir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', 'mocha'],
    // As the extension's build does: a package's ES module build where it has one (jsonc-parser's
    // UMD `main` hides its requires from the bundler).
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

export const DRIVER_FOLDER = 'boomtown-dev.boomtown-rig-driver-0.0.1';
/** The empty extension (test/rig/empty), the floor of the activation figures. */
export const EMPTY_EXTENSION_FOLDER = 'boomtown-dev.boomtown-rig-empty-0.0.1';

/**
 * Places the test-driver extension (test/rig/driver) into a code-server extensions folder, and beside
 * it the empty extension (test/rig/empty) whose activation the tests print as the floor of ours.
 */
export async function installDriver(repoRoot: string, extensionsDir: string): Promise<void> {
  const empty = path.join(extensionsDir, EMPTY_EXTENSION_FOLDER);
  await mkdir(empty, { recursive: true });
  for (const file of ['package.json', 'extension.mjs']) await copyFile(path.join(repoRoot, 'test', 'rig', 'empty', file), path.join(empty, file));

  const sourceDir = path.join(repoRoot, 'test', 'rig', 'driver');
  const target = path.join(extensionsDir, DRIVER_FOLDER);
  await mkdir(target, { recursive: true });
  await copyFile(path.join(sourceDir, 'package.json'), path.join(target, 'package.json'));
  await esbuild.build({
    entryPoints: [path.join(sourceDir, 'extension.ts')],
    outfile: path.join(target, 'extension.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
}
