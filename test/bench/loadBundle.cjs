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
 * With argv[3] (the payload mark of src/bundle/deferredChunks.mjs): what each chunk's first use adds,
 * measured after the load above, as the bundle's runtime does it: inflate the chunk from the comment
 * at the end of the file and compile it. Running the chunk is left out (it needs a real VS Code).
 */
const chunks = {};
if (process.argv[3]) {
  const { readFileSync } = require('node:fs');
  const { compileFunction } = require('node:vm');
  const { brotliDecompressSync } = require('node:zlib');
  const text = readFileSync(process.argv[2], 'latin1');
  const start = text.lastIndexOf('/*' + process.argv[3]) + 2 + process.argv[3].length;
  const payload = text.slice(text.indexOf(':', start) + 1, text.indexOf('*/', start));
  for (const [name, base64] of Object.entries(JSON.parse(payload))) {
    const since = process.hrtime.bigint();
    const source = brotliDecompressSync(Buffer.from(base64, 'base64')).toString('utf8');
    compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: `chunk-${name}.js` });
    chunks[name] = elapsed(since);
  }
}
process.stdout.write(JSON.stringify({ ms, exports: Object.keys(exported), chunks }));
