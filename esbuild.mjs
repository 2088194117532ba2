// Bundles the extension into one file: dist/extension.js (CommonJS, Node, `vscode` external).
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, no source maps (what `npm run package` ships)
//   node esbuild.mjs --watch       rebuilds on change
import * as esbuild from 'esbuild';
import { rm } from 'node:fs/promises';
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

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
