// Bundles the extension into one file: dist/extension.js (see src/bundle/extensionBuild.mjs).
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, no source maps (what `npm run package` ships)
//   node esbuild.mjs --watch       rebuilds on change
import { watch as watchFiles } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { buildExtension } from './src/bundle/extensionBuild.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// A production build has no source maps: remove those a development build left (the bundle's and its
// chunks'), so dist/ never pairs a minified bundle with maps of other code.
if (production) {
  const dist = new URL('./dist/', import.meta.url);
  const files = await readdir(dist).catch(() => []);
  await Promise.all(files.filter((file) => file.endsWith('.js.map')).map((file) => rm(new URL(file, dist), { force: true })));
}

const build = () => buildExtension({ production });

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
