import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const root = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

interface BuildModule {
  VENDOR_MODULES: Record<string, string>;
  VENDOR_PACKAGES_FILTER: RegExp;
  extensionBuildOptions(how: { production: boolean; outdir?: string; logLevel?: string }): BuildOptions;
  buildBundle(
    how: { production: boolean; outdir?: string; logLevel?: string },
    options?: { write?: boolean; entryPoints?: Record<string, string> },
  ): Promise<{ metafile: Metafile; outputFiles: unknown[] }>;
  buildExtension(how: { production: boolean; outdir?: string; logLevel?: string }): Promise<Metafile>;
}
const loadBuild = async () => (await import(join(root, 'src', 'bundle', 'extensionBuild.mjs'))) as BuildModule;

/** Node's own `net` module is the witness of the HTTP stack: undici loads it, nothing else in the extension does. */
const netLoaded = "process.moduleLoadList.includes('NativeModule net')";

/** Counts every outgoing connection and name lookup a process starts (a network call, whoever makes it). */
const countNetworkCalls = `import net from 'node:net';
  import dns from 'node:dns';
  const network = { calls: 0 };
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) { network.calls++; return connect.apply(this, args); };
  const lookup = dns.lookup;
  dns.lookup = (...args) => { network.calls++; return lookup(...args); };`;

/**
 * The bundle as esbuild's code splitting makes it (src/bundle/extensionBuild.mjs): plain ES modules,
 * the entry loading no feature and no HTTP stack, each feature a chunk that a dynamic import() loads.
 */
describe('the ES module bundle', function () {
  this.timeout(60_000);
  let dir: string;
  let server: Server;
  let url: string;
  let production: string;
  let hooks: string;

  /**
   * `vscode` is the extension host's; here a stub module stands in, resolved by a loader hook that also
   * reports every file Node loads (to the port it is given), so a test sees which files an import pulled in.
   */
  function writeVscodeStubHooks(): void {
    const stub = join(dir, 'vscode-stub.mjs');
    writeFileSync(
      stub,
      `const stub = () => new Proxy(function () {}, { get: (t, p) => (typeof p === 'symbol' || p === 'then' ? t[p] : stub()), apply: () => stub(), construct: () => stub() });
       export class EventEmitter { event = () => ({ dispose() {} }); fire() {} dispose() {} }
       export const SemanticTokensLegend = stub(), window = stub(), authentication = stub(), lm = stub(), commands = stub(), workspace = stub(), languages = stub(), extensions = stub(), l10n = stub(), env = stub(), Uri = stub(), Disposable = stub();`,
    );
    hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `let port;
       export function initialize(data) { port = data?.port; port?.on('message', () => port.postMessage({ flushed: true })); port?.unref(); }
       export async function resolve(specifier, context, next) {
         return specifier === 'vscode' ? { url: ${JSON.stringify(pathToFileURL(stub).href)}, shortCircuit: true } : next(specifier, context);
       }
       export async function load(url, context, next) { port?.postMessage({ loaded: url }); return next(url, context); }`,
    );
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'esm-bundle-'));
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('pong'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    production = join(dir, 'production');
    await (await loadBuild()).buildExtension({ production: true, outdir: production, logLevel: 'silent' });
    writeVscodeStubHooks();
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((done) => server.close(done));
  });

  it('loads and activates in Node without the features, undici or the network stack, reading two files', async () => {
    const out = production;
    const main = join(dir, 'activate.mjs');
    writeFileSync(
      main,
      `import { register } from 'node:module';
       import { MessageChannel } from 'node:worker_threads';
       const { port1, port2 } = new MessageChannel();
       const loaded = [];
       port1.on('message', (message) => message.loaded && loaded.push(message.loaded));
       ${countNetworkCalls}
       register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { port: port2 }, transferList: [port2] });
       const extension = await import(process.argv[2]);
       const context = { subscriptions: [], secrets: {}, extension: { packageJSON: { version: '0' } } };
       const api = extension.activate(context);
       // Cancels the tick after activation (it imports the sign-in feature, which the stub cannot run).
       for (const subscription of context.subscriptions) subscription?.dispose?.();
       // Whatever activation started has had its turn.
       await new Promise((done) => setImmediate(done));
       // The port is ordered: once the hooks answer this, every load they reported has arrived.
       await new Promise((done) => { port1.once('message', done); port1.postMessage('flush'); });
       const dist = loaded.filter((file) => file.startsWith(${JSON.stringify(pathToFileURL(out).href + '/')})).map((file) => file.slice(file.lastIndexOf('/') + 1));
       console.log(JSON.stringify({ networkCalls: network.calls, provider: api.authenticationProviderId, dist }));
       process.exit(0);`,
    );
    const { stdout } = await run(process.execPath, [main, pathToFileURL(join(out, 'extension.mjs')).href], { timeout: 30_000 });
    const result = JSON.parse(stdout) as { networkCalls: number; provider: string; dist: string[] };
    assert.deepEqual({ ...result, dist: undefined }, { networkCalls: 0, provider: 'boomtown', dist: undefined });
    assert.ok(result.dist.includes('extension.mjs'), result.dist.join(', '));
    const lazy = result.dist.filter((file) => /^(authFeature|workbenchFeatures|httpStack|vendor)-/.test(file));
    assert.deepEqual(lazy, [], 'activation loaded a feature chunk or a package');
    // The entry and the chunk of constants it shares with the features: every further file is one
    // more round trip through the extension host's module loader before activate() runs (extensionBuild.mjs).
    assert.equal(result.dist.length, 2, result.dist.join(', '));
    assert.match(result.dist.find((file) => file !== 'extension.mjs') ?? '', /^chunk-/);
    // The feature chunks exist, as separate files, for the first use to import.
    const files = readdirSync(out);
    for (const feature of ['authFeature', 'workbenchFeatures', 'httpStack']) assert.ok(files.some((file) => file.startsWith(`${feature}-`) && file.endsWith('.mjs')), `${feature} chunk in ${files.join(', ')}`);
  });

  it('links every output file: each names only exports that the files it imports have (the vendor modules too)', async () => {
    // The description worker is a worker thread's script (it reads workerData as it loads); the API
    // contract's bundle test runs it.
    const files = readdirSync(production).filter((file) => file.endsWith('.mjs') && file !== 'apiDescriptionWorker.mjs');
    assert.ok(files.some((file) => file.startsWith('vendor-undici')) && files.length > 10, files.join(', '));
    const main = join(dir, 'link.mjs');
    writeFileSync(
      main,
      `import { register } from 'node:module';
       import { pathToFileURL } from 'node:url';
       register(${JSON.stringify(pathToFileURL(hooks).href)});
       const failed = [];
       // Linking comes before running: a missing export is a SyntaxError, whatever running a file with the stub would do after.
       for (const file of process.argv.slice(2)) await import(pathToFileURL(file).href).catch((error) => error instanceof SyntaxError && failed.push(file + ': ' + error.message));
       console.log(JSON.stringify(failed));
       process.exit(0);`,
    );
    const { stdout } = await run(process.execPath, [main, ...files.map((file) => join(production, file))], { timeout: 30_000 });
    assert.deepEqual(JSON.parse(stdout), []);
  });

  it('takes from each vendored package only names its vendor module exports (src/bundle/vendor)', async () => {
    const { VENDOR_MODULES, VENDOR_PACKAGES_FILTER, extensionBuildOptions } = await loadBuild();
    const vendorSource = (name: string) => join(root, 'src', 'bundle', 'vendor', `${VENDOR_MODULES[name]}.mjs`);
    // The extension's build once more, in memory, with each package import resolved to its vendor
    // module's source (and that module's own import of the package left out): esbuild then checks every
    // named import and every property read of a namespace import against the module's exports.
    const checked = (source: (name: string) => string) =>
      build({
        ...extensionBuildOptions({ production: true, outdir: join(dir, 'names'), logLevel: 'silent' }),
        write: false,
        logOverride: { 'import-is-undefined': 'error' },
        plugins: [
          {
            name: 'vendor-sources',
            setup(plugins) {
              plugins.onResolve({ filter: VENDOR_PACKAGES_FILTER }, ({ path, importer }) => (importer === source(path) ? { path, external: true } : { path: source(path) }));
            },
          },
        ],
      }).then(
        ({ warnings }) => warnings.map(({ text }) => text),
        (error: { errors?: Array<{ text: string }> }) => (error.errors ?? [error]).map((problem) => String((problem as { text?: string }).text ?? problem)),
      );
    assert.deepEqual(await checked(vendorSource), []);
    // The check can fail: a vendor module without l10n's `config`, which the sign-in feature calls.
    const short = join(dir, 'l10n-without-config.mjs');
    writeFileSync(short, "export { t } from '@vscode/l10n';\n");
    const problems = await checked((name) => (name === '@vscode/l10n' ? short : vendorSource(name)));
    assert.ok(problems.some((text) => text.includes('config')), problems.join('\n'));
  });

  it("the extension's dispatcher imports the HTTP stack chunk on its first request, and real requests go through undici", async () => {
    const { buildBundle } = await loadBuild();
    const entry = join(dir, 'probe.ts');
    const source = (file: string) => JSON.stringify(join(root, 'src', 'core', 'shared', 'transport', file));
    writeFileSync(
      entry,
      `import { createApiDispatcher } from ${source('dispatcher')};
       import { lazyDispatcher } from ${source('lazyDispatcher')};
       const dispatcher = lazyDispatcher(() => createApiDispatcher());
       const made = ${netLoaded};
       const texts = [];
       for (const method of ['GET', 'POST']) {
         const response = await dispatcher.request({ origin: process.argv[2], path: '/', method, body: method === 'POST' ? 'a=b' : undefined });
         texts.push(await response.body.text());
       }
       await dispatcher.close();
       console.log(JSON.stringify({ made, texts, loaded: ${netLoaded} }));`,
    );
    const outdir = join(dir, 'probe');
    // The extension's own builds (ES modules, splitting, the vendor files), with the probe as the extension's entry.
    await buildBundle({ production: true, outdir, logLevel: 'silent' }, { entryPoints: { probe: entry } });
    assert.ok(readdirSync(outdir).some((file) => file.startsWith('httpStack-')), 'the HTTP stack is a chunk of its own');
    assert.ok(readdirSync(outdir).includes('vendor-undici.mjs'), 'undici is a file of its own');
    const { stdout } = await run(process.execPath, [join(outdir, 'probe.mjs'), url], { timeout: 20_000 });
    assert.deepEqual(JSON.parse(stdout), { made: false, texts: ['pong', 'pong'], loaded: true });
  });

  it('puts every module in exactly one output file', async () => {
    const { metafile } = await (await loadBuild()).buildBundle({ production: true, outdir: join(dir, 'split'), logLevel: 'silent' }, { write: false });
    const homes = new Map<string, string[]>();
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) if (bytesInOutput > 0) homes.set(input, [...(homes.get(input) ?? []), output]);
    }
    assert.ok(homes.size > 100, `${homes.size} modules`);
    assert.deepEqual([...homes].filter(([, outputs]) => outputs.length > 1), []);
  });

  it("a development build's source maps point at the TypeScript sources in src/", async () => {
    const out = join(dir, 'development');
    await (await loadBuild()).buildExtension({ production: false, outdir: out, logLevel: 'silent' });
    const maps = readdirSync(out).filter((file) => file.endsWith('.mjs.map'));
    assert.equal(maps.length, readdirSync(out).filter((file) => file.endsWith('.mjs')).length, 'one map per file');
    const mapped = new Set<string>();
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(out, map), 'utf8')) as { sources: string[] };
      // A chunk may hold only packages' code (proper-lockfile's, say); those map to node_modules.
      for (const file of sources.filter((source) => !source.includes('node_modules/'))) {
        mapped.add(resolve(out, file));
        const absolute = resolve(out, file);
        // TypeScript, JSON that the code imports (the OpenAPI document), and the vendor modules.
        assert.ok(absolute.startsWith(join(root, 'src')) && /\.(ts|json|mjs)$/.test(file) && existsSync(absolute), `${map}: ${file}`);
      }
      assert.match(readFileSync(join(out, map.replace(/\.map$/, '')), 'utf8'), new RegExp(`//# sourceMappingURL=${map.replace(/[.-]/g, '\\$&')}\\s*$`));
    }
    for (const file of ['extension.ts', 'vscode/auth/authFeature.ts', 'vscode/workbenchFeatures.ts', 'core/shared/transport/httpStack.ts', 'bundle/vendor/undici.mjs']) {
      assert.ok(mapped.has(join(root, 'src', file)), `no map points at src/${file}`);
    }
  });
});
