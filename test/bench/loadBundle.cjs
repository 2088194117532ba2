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

const started = process.hrtime.bigint();
const exported = require(process.argv[2]);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ms, exports: Object.keys(exported) }));
