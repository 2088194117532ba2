// The extension's build, as esbuild.mjs runs it and as the bundle tests check it: one file,
// dist/extension.js (CommonJS, Node, `vscode` external). The sign-in feature and the workbench
// features ride in it as deferred chunks, compiled on first use (deferredChunks.mjs): loading the
// extension, at every VS Code start, parses neither.
import { fileURLToPath } from 'node:url';
import { buildWithDeferredChunks } from './deferredChunks.mjs';
import { leanUndiciPlugin } from './leanUndiciPlugin.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** In load order: a chunk may use the modules of the main bundle and of the chunks before it. */
export const EXTENSION_CHUNKS = [
  { name: 'auth', entry: 'src/vscode/auth/authFeature.ts' },
  { name: 'workbench', entry: 'src/vscode/workbenchFeatures.ts' },
  // undici's slice: compiled by the first request (the sign-in chunk would otherwise carry it at every start).
  { name: 'http', entry: 'src/core/shared/transport/httpStack.ts' },
];

/**
 * @param {{ production: boolean, outfile?: string, logLevel?: import('esbuild').LogLevel }} how
 * @returns {import('esbuild').BuildOptions}
 */
export function extensionBuildOptions({ production, outfile = 'dist/extension.js', logLevel = 'info' }) {
  return {
    absWorkingDir: root,
    entryPoints: ['src/extension.ts'],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel,
    plugins: [leanUndiciPlugin],
    // proper-lockfile (the cross-window sessions lock) only needs mkdir/stat/utimes/rmdir, which Node's fs
    // has; graceful-fs's EMFILE queueing is 11 KB it never needs for a handful of calls.
    alias: { 'graceful-fs': 'fs' },
  };
}

/** Builds the extension; returns what each chunk holds (for the benchmark and the tests). */
export function buildExtension(how) {
  return buildWithDeferredChunks(extensionBuildOptions(how), EXTENSION_CHUNKS);
}
