// The extension's build, as esbuild.mjs runs it and as the bundle tests check it: ES modules in dist/,
// from two esbuild builds whose files import each other by name, plus the third-party notices of
// every bundled package.
// - The extension's own code: `dist/extension.mjs` (the manifest's main), the description worker, and
//   the chunks esbuild's code splitting makes at each dynamic import() (the sign-in feature, the
//   workbench features, the HTTP stack, the API document) and for the modules they share. It is all
//   ES modules, so these files need neither esbuild's CommonJS helpers nor a `require`.
// - The CommonJS packages it uses (undici, proper-lockfile, yaml, @vscode/l10n), one file each:
//   `dist/vendor-<name>.mjs`, built from src/bundle/vendor/<name>.mjs, which exports by name what our
//   code imports from the package. The extension's files import it as `./vendor-<name>.mjs`.
// Why two builds: in one build esbuild puts its CommonJS helpers in a chunk that every entry point
// imports, and the `require` banner CommonJS needs goes into every file, so loading the extension read
// three files and imported `node:module` three times before activate() ran. By VS Code's own
// Extension Activation Stats (Load Code + Call Activate, code-server 4.100.3, 6 startups each,
// 2026-12-06) that cost a median 13 ms over the empty ES-module extension in the same startups when
// both start at onStartupFinished, and 40 ms when a restored view activates both during the
// workbench's restore; with the entry importing only the chunk of constants it shares with the
// features, as now, 8 and 18.5 ms. Each module is still in exactly one output file.
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundledPackageFolders, noticesText, NOTICES_FILE } from './thirdPartyNotices.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The CommonJS packages the extension imports, and the name of each one's module in src/bundle/vendor and dist/vendor-<name>.mjs. */
export const VENDOR_MODULES = {
  undici: 'undici',
  'proper-lockfile': 'properLockfile',
  yaml: 'yaml',
  '@vscode/l10n': 'l10n',
};

/**
 * The bundled CommonJS packages call `require` for Node's built-in modules; an ES module has no
 * `require`, so each vendor file makes one, as esbuild's documentation suggests for ESM output that
 * bundles CommonJS. The extension's own files do not need it.
 */
const REQUIRE_BANNER = "import { createRequire as __boomtownCreateRequire } from 'node:module';\nconst require = __boomtownCreateRequire(import.meta.url);";

/** @param {{ production: boolean, outdir?: string, logLevel?: import('esbuild').LogLevel }} how */
function commonOptions({ production, outdir = 'dist', logLevel = 'info' }) {
  return {
    absWorkingDir: root,
    outdir,
    bundle: true,
    format: 'esm',
    splitting: true,
    // .mjs: the package stays CommonJS-typed (tests, tools), the extension host loads these as ES modules.
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    target: 'node20',
    // Whitespace and syntax only: the names stay, so the shipped code, stack traces and profiles read as the source does.
    minifyWhitespace: production,
    minifySyntax: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel,
  };
}

/**
 * The extension's own code. An import of a vendored package becomes an import of its file,
 * `./vendor-<name>.mjs` (every output file is in dist/ itself). A name our code takes from a package
 * that the package's module in src/bundle/vendor does not export fails a bundle test
 * (test/unit/bundle/esmBundle.test.ts), as it would fail the extension.
 * @param {{ production: boolean, outdir?: string, logLevel?: import('esbuild').LogLevel }} how
 * @returns {import('esbuild').BuildOptions}
 */
export function extensionBuildOptions(how) {
  return {
    ...commonOptions(how),
    entryPoints: {
      extension: 'src/extension.ts',
      // A worker thread's script must be a file of its own: it reads a user's API description off the extension host's thread.
      apiDescriptionWorker: 'src/core/api/contract/descriptionWorker.ts',
    },
    chunkNames: '[name]-[hash]',
    external: ['vscode'],
    // A package's ES module build where it ships one (jsonc-parser's `module`), its `main` otherwise:
    // ES modules bundle statically, where a UMD wrapper's requires would not.
    mainFields: ['module', 'main'],
    plugins: [vendorModulesPlugin()],
  };
}

/**
 * The CommonJS packages, one ES module file each (`vendor-undici.mjs`, …) and a `vendor-chunk-*` file
 * of esbuild's helpers they share.
 * @param {{ production: boolean, outdir?: string, logLevel?: import('esbuild').LogLevel }} how
 * @returns {import('esbuild').BuildOptions}
 */
export function vendorBuildOptions(how) {
  return {
    ...commonOptions(how),
    entryPoints: Object.fromEntries(Object.values(VENDOR_MODULES).map((name) => [`vendor-${name}`, vendorModule(name)])),
    chunkNames: 'vendor-[name]-[hash]',
    banner: { js: REQUIRE_BANNER },
    // proper-lockfile (the cross-window sessions lock) only needs mkdir/stat/utimes/rmdir, which Node's fs
    // has; graceful-fs's EMFILE queueing is 11 KB it never needs for a handful of calls.
    alias: { 'graceful-fs': 'fs' },
    mainFields: ['module', 'main'],
  };
}

const vendorModule = (name) => path.join(root, 'src', 'bundle', 'vendor', `${name}.mjs`);

/** An esbuild resolve filter that matches an import of exactly one of the vendored packages. */
export const VENDOR_PACKAGES_FILTER = new RegExp(`^(${Object.keys(VENDOR_MODULES).map((name) => name.replace(/[/.@-]/g, '\\$&')).join('|')})$`);

/** @returns {import('esbuild').Plugin} */
function vendorModulesPlugin() {
  return {
    name: 'vendor-modules',
    setup(plugins) {
      plugins.onResolve({ filter: VENDOR_PACKAGES_FILTER }, ({ path: name }) => ({ path: `./vendor-${VENDOR_MODULES[name]}.mjs`, external: true }));
    },
  };
}

/**
 * Runs both builds, the vendor files first, into `how.outdir` (or in memory with `write: false`), and
 * returns one metafile of both and, in memory, the output files. `entryPoints` replaces the
 * extension build's (a test's probe).
 * @param {{ production: boolean, outdir?: string, logLevel?: import('esbuild').LogLevel }} how
 * @param {{ write?: boolean, entryPoints?: Record<string, string> }} [options]
 * @returns {Promise<{ metafile: import('esbuild').Metafile, outputFiles: import('esbuild').OutputFile[] }>}
 */
export async function buildBundle(how, { write = true, entryPoints } = {}) {
  const vendor = await build({ ...vendorBuildOptions(how), write });
  const extension = await build({ ...extensionBuildOptions(how), ...(entryPoints ? { entryPoints } : {}), write });
  return {
    metafile: {
      inputs: { ...vendor.metafile.inputs, ...extension.metafile.inputs },
      outputs: { ...vendor.metafile.outputs, ...extension.metafile.outputs },
    },
    outputFiles: [...(vendor.outputFiles ?? []), ...(extension.outputFiles ?? [])],
  };
}

/**
 * Builds the extension into `outdir` (first removing the ES modules and maps an earlier build left,
 * whose chunk names differ) and writes the notices file there. Returns the metafile of both builds.
 * @param {{ production: boolean, outdir?: string, logLevel?: import('esbuild').LogLevel }} how
 */
export async function buildExtension(how) {
  const outdir = path.resolve(root, how.outdir ?? 'dist');
  const old = await readdir(outdir).catch(() => []);
  await Promise.all(old.filter((file) => /\.(mjs|mjs\.map|js|js\.map)$/.test(file)).map((file) => rm(path.join(outdir, file), { force: true })));
  const { metafile } = await buildBundle(how);
  await writeFile(path.join(outdir, NOTICES_FILE), noticesText(root, bundledPackageFolders(metafile)));
  return metafile;
}
