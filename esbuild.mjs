// Bundles the extension into dist/ (see src/bundle/extensionBuild.mjs): dist/extension.mjs, its chunks
// and dist/THIRD_PARTY_NOTICES.txt.
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified whitespace, no source maps (what `npm run package` ships)
//   node esbuild.mjs --watch       rebuilds on change
import { watch as watchFiles } from 'node:fs';
import { buildExtension } from './src/bundle/extensionBuild.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Every build first removes what the last one left (chunk names change with their content, and a
// production build pairs no maps with its files), then writes the notices with the bundle.
const build = () => buildExtension({ production });

if (watch) {
  await build().catch((error) => console.error(error.message));
  let timer;
  watchFiles(new URL('./src', import.meta.url), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => build().then(() => console.log('[watch] rebuilt dist/'), (error) => console.error(error.message)), 100);
  });
} else {
  await build();
}
