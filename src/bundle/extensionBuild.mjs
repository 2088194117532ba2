// The extension's build, as esbuild.mjs runs it and as the bundle tests check it: ES modules in dist/
// (`dist/extension.mjs`, the manifest's main, and the chunks esbuild's code splitting makes at each
// dynamic import(): the sign-in feature, the workbench features, the HTTP stack with undici, and the
// modules they share), plus the third-party notices of every bundled package.
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundledPackageFolders, noticesText, NOTICES_FILE } from './thirdPartyNotices.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundled CommonJS packages (undici, proper-lockfile) and a few of our own lazy loads call `require`
 * for Node's built-in modules; an ES module has no `require`, so each output file makes one, as
 * esbuild's documentation suggests for ESM output that bundles CommonJS.
 */
const REQUIRE_BANNER = "import { createRequire as __boomtownCreateRequire } from 'node:module';\nconst require = __boomtownCreateRequire(import.meta.url);";

/**
 * @param {{ production: boolean, outdir?: string, logLevel?: import('esbuild').LogLevel }} how
 * @returns {import('esbuild').BuildOptions}
 */
export function extensionBuildOptions({ production, outdir = 'dist', logLevel = 'info' }) {
  return {
    absWorkingDir: root,
    entryPoints: {
      extension: 'src/extension.ts',
      // A worker thread's script must be a file of its own: it reads a user's API description off the extension host's thread.
      apiDescriptionWorker: 'src/core/api/contract/descriptionWorker.ts',
    },
    outdir,
    bundle: true,
    format: 'esm',
    splitting: true,
    // .mjs: the package stays CommonJS-typed (tests, tools), the extension host loads these as ES modules.
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    banner: { js: REQUIRE_BANNER },
    // Whitespace and syntax only: the names stay, so the shipped code, stack traces and profiles read as the source does.
    minifyWhitespace: production,
    minifySyntax: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel,
    // proper-lockfile (the cross-window sessions lock) only needs mkdir/stat/utimes/rmdir, which Node's fs
    // has; graceful-fs's EMFILE queueing is 11 KB it never needs for a handful of calls.
    alias: { 'graceful-fs': 'fs' },
    // A package's ES module build where it ships one (jsonc-parser's `module`), its `main` otherwise:
    // ES modules bundle statically, where a UMD wrapper's requires would not.
    mainFields: ['module', 'main'],
  };
}

/**
 * Builds the extension into `outdir` (first removing the ES modules and maps an earlier build left,
 * whose chunk names differ) and writes the notices file there. Returns esbuild's metafile.
 * @param {{ production: boolean, outdir?: string, logLevel?: import('esbuild').LogLevel }} how
 */
export async function buildExtension(how) {
  const options = extensionBuildOptions(how);
  const outdir = path.resolve(root, options.outdir);
  const old = await readdir(outdir).catch(() => []);
  await Promise.all(old.filter((file) => /\.(mjs|mjs\.map|js|js\.map)$/.test(file)).map((file) => rm(path.join(outdir, file), { force: true })));
  const result = await build(options);
  await writeFile(path.join(outdir, NOTICES_FILE), noticesText(root, bundledPackageFolders(result.metafile)));
  return result.metafile;
}
