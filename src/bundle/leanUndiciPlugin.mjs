// An esbuild plugin, shared by esbuild.mjs and the unit tests that prove the lean bundle still speaks HTTP.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const leanUndici = fileURLToPath(new URL('./undici-lean.cjs', import.meta.url));

/**
 * Keeps undici lean in the bundle (measured: 477 KB for the package entry, about 111 KB this way):
 * - `undici` resolves to our slice of it (src/bundle/undici-lean.cjs);
 * - modules on paths we never take are replaced: the non-SIMD llhttp WebAssembly (Node 20+ always
 *   has WebAssembly SIMD, so undici loads the SIMD build), fetch's body module (client-h1 requires it
 *   lazily, only to send FormData; we send strings) and the HTTP/2 client (we never enable allowH2);
 * - the SIMD llhttp WebAssembly, shipped as 72 KB of base64, is stored brotli-compressed (20 KB) and
 *   inflated on the first connection.
 * In the extension the slice is a deferred chunk of its own ("http", see extensionBuild.mjs),
 * compiled by the first request: no start needs it.
 */
export const leanUndiciPlugin = {
  name: 'lean-undici',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: leanUndici }));
    leanUndiciParts.setup(build);
  },
};

/** What is left out of undici, and the compressed parser. */
const leanUndiciParts = {
  name: 'lean-undici-parts',
  setup(build) {
    build.onResolve({ filter: /llhttp[/\\]llhttp-wasm\.js$|web[/\\]fetch[/\\]body\.js$|client-h2\.js$/ }, (args) => ({
      path: args.path,
      namespace: 'left-out',
    }));
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      // A function, because client.js takes connectH2 at load time and calls it only for HTTP/2.
      contents: `module.exports = function leftOut() { throw new Error(${JSON.stringify(`${args.path} is left out of the BoomTown bundle`)}); };`,
      loader: 'js',
    }));
    build.onLoad({ filter: /llhttp[/\\]llhttp_simd-wasm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const base64 = /wasmBase64 = '([A-Za-z0-9+/=]+)'/.exec(source)?.[1];
      if (!base64) throw new Error(`lean-undici: the wasm payload of ${args.path} has changed shape; update src/bundle/leanUndiciPlugin.mjs`);
      const packed = brotliCompressSync(Buffer.from(base64, 'base64'), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');
      return {
        contents: `'use strict';
let wasm;
Object.defineProperty(module, 'exports', {
  get: () => wasm || (wasm = require('node:zlib').brotliDecompressSync(Buffer.from('${packed}', 'base64'))),
});`,
        loader: 'js',
      };
    });
  },
};
