// Child process of the bundle benchmark (plain Node, no tsx, so no loader skews the figure):
// times `require()` of the bundle given as argv[2], with a stub `vscode` module, and prints
// {"ms": …, "exports": […]} on stdout. This is module-load time only: activate() is not called.
'use strict';
const Module = require('node:module');

/** Any property, call or `new` yields another stub, so top-level code touching vscode still loads. */
function stub() {
  return new Proxy(function vscodeStub() {}, {
    get: (target, property) => (typeof property === 'symbol' || property === 'then' ? target[property] : stub()),
    apply: () => stub(),
    construct: () => stub(),
  });
}

const vscode = stub();
const load = Module._load;
Module._load = function loadWithVscodeStub(request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const elapsed = (since) => Number(process.hrtime.bigint() - since) / 1e6;
const started = process.hrtime.bigint();
const exported = require(process.argv[2]);
const ms = elapsed(started);

/**
 * With argv[3] (the path of src/bundle/deferredChunks.mjs, whose reader finds the chunks): what each
 * chunk's first use adds, measured after the load above, as the bundle's runtime does it: inflate the
 * chunk from the comment at the end of the file and compile it. Running it needs a real VS Code.
 */
async function chunkFirstUse() {
  const chunks = {};
  if (!process.argv[3]) return chunks;
  const { readPayload } = await import(require('node:url').pathToFileURL(process.argv[3]).href);
  const { compileFunction } = require('node:vm');
  const { brotliDecompressSync } = require('node:zlib');
  const payload = readPayload(require('node:fs').readFileSync(process.argv[2], 'latin1'));
  for (const [name, base64] of Object.entries(payload?.packed ?? {})) {
    const since = process.hrtime.bigint();
    const source = brotliDecompressSync(Buffer.from(base64, 'base64')).toString('utf8');
    compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: `chunk-${name}.js` });
    chunks[name] = elapsed(since);
  }
  return chunks;
}

void chunkFirstUse().then((chunks) => process.stdout.write(JSON.stringify({ ms, exports: Object.keys(exported), chunks })));
