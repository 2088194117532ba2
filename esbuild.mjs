// Bundles the extension into one file: dist/extension.js (CommonJS, Node, `vscode` external).
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, no source maps (what `npm run package` ships)
//   node esbuild.mjs --watch       rebuilds on change
// The sign-in feature and the workbench features ride in the same file as deferred chunks, compiled
// on first use (src/bundle/deferredChunks.mjs): activation, at every VS Code start, parses neither.
import { watch as watchFiles } from 'node:fs';
import { rm } from 'node:fs/promises';
import { buildWithDeferredChunks } from './src/bundle/deferredChunks.mjs';
import { leanUndiciPlugin } from './src/bundle/leanUndiciPlugin.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
  plugins: [leanUndiciPlugin],
  // proper-lockfile (the cross-window sessions lock) only needs mkdir/stat/utimes/rmdir, which Node's fs
  // has; graceful-fs's EMFILE queueing is 11 KB it never needs for a handful of calls.
  alias: { 'graceful-fs': 'fs' },
};

// A production build has no source map: remove the one a development build left, so dist/ never pairs
// a minified bundle with a map of other code.
if (production) await rm(new URL('./dist/extension.js.map', import.meta.url), { force: true });

/** In load order: a chunk may use the modules of the main bundle and of the chunks before it. */
const chunks = [
  { name: 'auth', entry: 'src/vscode/auth/authFeature.ts' },
  { name: 'workbench', entry: 'src/vscode/workbenchFeatures.ts' },
];

const build = () => buildWithDeferredChunks(options, chunks);

if (watch) {
  // Several builds make one file, so the watcher reruns them all (esbuild's own watch follows one build).
  await build().catch((error) => console.error(error.message));
  let timer;
  watchFiles(new URL('./src', import.meta.url), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => build().then(() => console.log('[watch] rebuilt dist/extension.js'), (error) => console.error(error.message)), 100);
  });
} else {
  await build();
}
