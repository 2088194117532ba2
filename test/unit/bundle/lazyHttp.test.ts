import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';

const root = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

/**
 * Activation runs at every VS Code start (onStartupFinished), and no startup needs HTTP: the bundle
 * must not evaluate undici when it loads, only when the first request is made. Node's own `net`
 * module is the witness: undici's client requires it at load, nothing else in the extension does.
 */
describe('the HTTP stack in the bundle is loaded by the first request', function () {
  this.timeout(30_000);
  let server: Server;
  let url: string;
  let dir: string;
  let plugin: Plugin;

  before(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('pong'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'lazy-http-'));
    ({ leanUndiciPlugin: plugin } = (await import(join(root, 'src', 'bundle', 'leanUndiciPlugin.mjs'))) as { leanUndiciPlugin: Plugin });
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  async function bundle(name: string, entry: string): Promise<string> {
    const outfile = join(dir, `${name}.js`);
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], minify: true, plugins: [plugin], logLevel: 'silent' });
    return outfile;
  }

  const netLoaded = "process.moduleLoadList.includes('NativeModule net')";

  it('the extension bundle loads and activates without evaluating undici or compiling a feature chunk', async () => {
    const file = join(dir, 'extension.js');
    const { buildExtension } = (await import(join(root, 'src', 'bundle', 'extensionBuild.mjs'))) as {
      buildExtension(how: { production: boolean; outfile: string; logLevel: string }): Promise<unknown>;
    };
    await buildExtension({ production: true, outfile: file, logLevel: 'silent' });
    const loader = join(dir, 'load.cjs');
    writeFileSync(
      loader,
      `const Module = require('node:module');
       const stub = () => new Proxy(function () {}, { get: (t, p) => (typeof p === 'symbol' || p === 'then' ? t[p] : stub()), apply: () => stub(), construct: () => stub() });
       // The namespaces activation touches, as stubs; EventEmitter for real, since shells relay events.
       class EventEmitter { event = () => ({ dispose() {} }); fire() {} dispose() {} }
       const vscode = { EventEmitter, SemanticTokensLegend: stub(), window: stub(), authentication: stub(), lm: stub(), commands: stub(), workspace: stub(), languages: stub(), extensions: stub(), l10n: stub() };
       const load = Module._load;
       Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
       const vm = require('node:vm');
       const compile = vm.compileFunction;
       let compiled = 0;
       vm.compileFunction = (...args) => (compiled++, compile(...args));
       const before = ${netLoaded};
       const exported = require(process.argv[2]);
       const api = exported.activate({ subscriptions: [], secrets: stub(), extension: { packageJSON: { version: '0' } } });
       console.log(JSON.stringify({ before, after: ${netLoaded}, provider: api.authenticationProviderId, compiled }));
       process.exit(0); // before the timer that loads the sign-in feature: the stub vscode cannot run it`,
    );
    const { stdout } = await run(process.execPath, [loader, file], { timeout: 20_000 });
    assert.deepEqual(JSON.parse(stdout), { before: false, after: false, provider: 'boomtown', compiled: 0 });
  });

  it('the extension\'s dispatcher loads undici on its first request, and the request works', async () => {
    const entry = join(dir, 'probe.ts');
    const source = (file: string) => JSON.stringify(join(root, 'src', 'core', 'shared', 'transport', file));
    writeFileSync(
      entry,
      `import { createApiDispatcher } from ${source('dispatcher')};
       import { lazyDispatcher } from ${source('lazyDispatcher')};
       (async () => {
         const dispatcher = lazyDispatcher(() => createApiDispatcher());
         const made = ${netLoaded};
         const response = await dispatcher.request({ origin: process.argv[2], path: '/', method: 'GET' });
         const text = await response.body.text();
         await dispatcher.close();
         console.log(JSON.stringify({ made, text, loaded: ${netLoaded} }));
       })().catch((e) => { console.error(e); process.exit(1); });`,
    );
    const { stdout } = await run(process.execPath, [await bundle('probe', entry), url], { timeout: 20_000 });
    assert.deepEqual(JSON.parse(stdout), { made: false, text: 'pong', loaded: true });
  });
});
