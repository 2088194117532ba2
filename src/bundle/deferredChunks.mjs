// Builds one file (the main bundle) that carries deferred chunks: code compiled on first use, not at load.
//
// Why: the extension activates at every VS Code start (onStartupFinished), and V8 parses every
// function of a file it loads, run or not. Code that a start does not run (the leads view, the
// request files, the chat tools, sign-in) is shipped as brotli-compressed text inside the same file
// and compiled by the first `require()` of its chunk's entry, which the source makes inside a
// function (e.g. `require('./vscode/auth/authFeature')`), so an unbundled run (tsx, the unit tests)
// behaves the same, only without the deferral.
//
// What is guaranteed (and checked at build time, see assertOneCopyEach):
// - every module is in exactly one place: the main bundle or one chunk. A chunk that imports a module
//   of the main bundle or of an earlier chunk gets that very module instance (through a registry of
//   the modules later chunks use), so classes, `instanceof` and module state are shared, never copied;
// - a chunk is compiled once, when what its entry exports is first used; a chunk that imports an
//   earlier chunk's modules loads that chunk first. A chunk that fails to load stays failed: every
//   later use throws the same error (running it again would run its modules twice);
// - ES modules, CommonJS modules and JSON files can all be shared, with the importer's usual interop;
// - a window that runs an older build than the file now holds (a rebuild under a running development
//   host) gets an error saying so, not chunks of another build.
// Chunks are listed in order: a chunk may use the main bundle's and earlier chunks' modules, and
// require (lazily) any chunk's entry.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const SHARED = 'boomtown-shared:';
const CHUNK = 'boomtown-chunk:';
const RUNTIME = 'boomtown-chunks-runtime';
const LOADER = 'boomtown-chunk-loader';
const REGISTRY_ENTRY = 'boomtown-chunk-entry';
const RESOLVING = Symbol('deferred-chunks: resolving');
/** Opens the comment at the end of the bundle that carries the chunks: `/*<mark>{"name":"<base64 brotli>",…}*\/`. */
export const PAYLOAD_MARK = 'boomtown-deferred-chunks:';

/**
 * The chunks a built bundle carries, read from its text: `{ start, buildId, packed: { name: base64 } }`,
 * or undefined without any. The bundle's runtime carries this very function (its source), and the
 * benchmark imports it: one reader of the format the footer writes.
 */
export function readPayload(text) {
  const start = text.lastIndexOf(`/*${PAYLOAD_MARK}`);
  if (start < 0) return undefined;
  const idEnd = text.indexOf(':', start + 2 + PAYLOAD_MARK.length);
  return { start, buildId: text.slice(start + 2 + PAYLOAD_MARK.length, idEnd), packed: JSON.parse(text.slice(idEnd + 1, text.indexOf('*/', idEnd))) };
}

/**
 * @param {import('esbuild').BuildOptions} options the main bundle's options (one entry point, outfile)
 * @param {{ name: string, entry: string }[]} chunks entries relative to the working directory, in order
 * @returns {Promise<{ chunks: Record<string, { bytes: number, packedBytes: number, modules: string[] }> }>}
 */
export async function buildWithDeferredChunks(givenOptions, chunks) {
  // esbuild names inputs by their real path: so must we, or a working directory reached through a
  // symbolic link (macOS's /var is one) would make every module look like two.
  const cwd = realpathSync(givenOptions.absWorkingDir ?? process.cwd());
  const options = { ...givenOptions, absWorkingDir: cwd };
  const names = chunks.map((chunk) => chunk.name);
  const entries = new Map(chunks.map((chunk) => [resolvePath(cwd, chunk.entry), chunk.name]));
  /** module key → 'main' or the chunk that holds it */
  const owner = new Map();
  const keyOf = (namespace, path) => `${namespace === 'file' ? '' : `${namespace}:`}${relative(cwd, path).split(sep).join('/')}`;

  // Discovery: which modules the main bundle holds, then each chunk (without those before it).
  const order = ['main', ...names];
  const common = { entries, owner, keyOf, order };
  const mainInputs = await discover(options, { ...common, self: 'main' });
  for (const key of mainInputs.inputs) owner.set(key, 'main');
  const formats = new Map(mainInputs.formats);
  /** chunk → what its entry exports */
  const exportNames = new Map();
  /** chunk → the keys of earlier modules it imports */
  const uses = new Map();
  for (const chunk of chunks) {
    // As an ES module, so that esbuild lists what the entry exports (it does not for CommonJS output).
    const found = await discover({ ...options, format: 'esm', entryPoints: [resolvePath(cwd, chunk.entry)] }, { ...common, self: chunk.name });
    exportNames.set(chunk.name, found.exportNames);
    for (const key of found.inputs) if (!owner.has(key)) owner.set(key, chunk.name);
    for (const [key, format] of found.formats) if (!formats.has(key)) formats.set(key, format);
    uses.set(chunk.name, found.shared);
  }
  /** owner → the keys of its modules that later chunks import (its registry) */
  const exported = new Map([['main', new Set()], ...names.map((name) => [name, new Set()])]);
  for (const used of uses.values()) for (const key of used) exported.get(owner.get(key)).add(key);
  const pathOf = new Map(); // key → { namespace, path }, filled while resolving

  // Each chunk for real, with its registry, as text. Its source map (development builds) is a file
  // beside the bundle, named after the file name the chunk is compiled under (chunk-<name>.js).
  const packed = {};
  const report = {};
  const outDir = dirname(resolvePath(cwd, options.outfile));
  for (const chunk of chunks) {
    const result = await esbuild.build({
      ...options,
      entryPoints: [`${REGISTRY_ENTRY}:${chunk.name}`],
      outfile: join(outDir, `chunk-${chunk.name}.js`),
      outdir: undefined,
      write: false,
      metafile: true,
      sourcemap: options.sourcemap ? 'linked' : false,
      // Warnings and errors only: esbuild would report writing chunk-<name>.js, which it does not.
      logLevel: options.logLevel === 'silent' ? 'silent' : 'warning',
      plugins: [
        sharingPlugin({ ...common, self: chunk.name, pathOf, chunksLoad: 'external' }),
        registryEntryPlugin(cwd, chunk, [...exported.get(chunk.name)], pathOf, formats),
        ...(options.plugins ?? []),
      ],
    });
    const text = result.outputFiles.find((file) => file.path.endsWith('.js')).text;
    const map = result.outputFiles.find((file) => file.path.endsWith('.map'));
    if (map && options.write !== false) {
      await mkdir(outDir, { recursive: true });
      await writeFile(map.path, map.contents);
    }
    packed[chunk.name] = brotliCompressSync(Buffer.from(text, 'utf8'), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');
    report[chunk.name] = { bytes: Buffer.byteLength(text), packedBytes: packed[chunk.name].length, metafile: result.metafile, exportNames: exportNames.get(chunk.name) };
  }

  const payload = JSON.stringify(packed);
  const buildId = createHash('sha256').update(payload).digest('hex').slice(0, 16);
  const main = await esbuild.build({
    ...options,
    metafile: true,
    // The chunks ride in a comment at the end: a comment costs the parser a scan for "*/" (base64
    // has no "*"), where a string literal would be allocated and kept at every load.
    footer: { js: `${options.footer?.js ?? ''}\n/*${PAYLOAD_MARK}${buildId}:${payload}*/` },
    plugins: [
      sharingPlugin({ ...common, self: 'main', pathOf, chunksLoad: 'loader' }),
      runtimePlugin({
        cwd,
        report,
        owner,
        exported: [...exported.get('main')],
        sharedKeys: new Set([...exported.values()].flatMap((keys) => [...keys])),
        pathOf,
        formats,
        buildId,
      }),
      ...(options.plugins ?? []),
    ],
  });
  assertOneCopyEach(main.metafile, report);
  if (['info', 'debug', 'verbose'].includes(options.logLevel)) {
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)}kb`;
    const sizes = Object.entries(report).map(([name, { bytes, packedBytes }]) => `${name} ${kb(bytes)} (${kb(packedBytes)} packed)`);
    console.log(`  deferred chunks, compiled on first use: ${sizes.join(', ')}\n`);
  }
  return {
    chunks: Object.fromEntries(
      Object.entries(report).map(([name, { bytes, packedBytes, metafile }]) => [name, { bytes, packedBytes, modules: modulesIn(metafile) }]),
    ),
  };
}

async function discover(options, context) {
  const result = await esbuild.build({
    ...options,
    outfile: undefined,
    outdir: undefined,
    write: false,
    metafile: true,
    sourcemap: false,
    plugins: [sharingPlugin({ ...context, pathOf: new Map(), chunksLoad: 'external' }), ...(options.plugins ?? [])],
  });
  // esbuild names inputs by a path relative to the working directory, or `namespace:path` for a plugin's.
  const keyOfInput = (input) => {
    const virtual = /^([\w-]+):(.*)$/.exec(input);
    return virtual ? context.keyOf(virtual[1], virtual[2]) : input;
  };
  // Owned: what has code in the output. A module only parsed (types, names tree-shaken away) is left
  // to the chunk that uses it, instead of being pulled into this part by the registry.
  const kept = Object.entries(Object.values(result.metafile.outputs)[0].inputs).filter(([, input]) => input.bytesInOutput > 0);
  const inputs = kept.map(([key]) => keyOfInput(key));
  const formats = Object.entries(result.metafile.inputs).map(([key, input]) => [keyOfInput(key), input.format ?? 'cjs']);
  const shared = new Set();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) if (imported.external && imported.path.startsWith(SHARED)) shared.add(imported.path.slice(SHARED.length));
  }
  return { inputs, shared, formats, exportNames: Object.values(result.metafile.outputs)[0].exports };
}

/**
 * Resolves every import as esbuild would, then: another chunk's entry becomes a lazy load of that
 * chunk (in the main bundle, a loader module; in a chunk, the external `boomtown-chunk:<name>`), and a
 * module held by the main bundle or an earlier chunk becomes the external `boomtown-shared:<key>`.
 */
function sharingPlugin({ entries, owner, keyOf, order, self, pathOf, chunksLoad }) {
  return {
    name: 'deferred-chunks-sharing',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.[RESOLVING] || args.namespace === RUNTIME || args.namespace === LOADER) return undefined;
        if (args.kind === 'entry-point') return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          namespace: args.namespace,
          resolveDir: args.resolveDir,
          pluginData: { ...args.pluginData, [RESOLVING]: true },
        });
        if (result.errors.length) return { errors: result.errors, warnings: result.warnings };
        if (result.external) return { path: result.path, external: true, sideEffects: result.sideEffects };
        const chunk = result.namespace === 'file' ? entries.get(result.path) : undefined;
        if (chunk && chunk !== self) return chunksLoad === 'loader' ? { path: chunk, namespace: LOADER } : { path: CHUNK + chunk, external: true };
        const key = keyOf(result.namespace, result.path);
        pathOf.set(key, { namespace: result.namespace, path: result.path, pluginData: result.pluginData });
        const holder = owner.get(key);
        // The main bundle's modules are visible to every chunk, a chunk's to the chunks after it.
        if (holder !== undefined && order.indexOf(holder) < order.indexOf(self)) return { path: SHARED + key, external: true };
        return { path: result.path, namespace: result.namespace, pluginData: result.pluginData, sideEffects: result.sideEffects, suffix: result.suffix };
      });
    },
  };
}

/** A chunk's entry: everything its entry exports, and the registry of its modules that later chunks import. */
function registryEntryPlugin(cwd, chunk, keys, pathOf, formats) {
  return {
    name: 'deferred-chunks-entry',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${REGISTRY_ENTRY}:`) }, (args) => ({ path: args.path.slice(REGISTRY_ENTRY.length + 1), namespace: REGISTRY_ENTRY }));
      build.onLoad({ filter: /.*/, namespace: REGISTRY_ENTRY }, () => ({
        contents: `export * from ${JSON.stringify(resolvePath(cwd, chunk.entry))};\n${registrySource(keys, pathOf, cwd, formats)}\nexport { registry as __chunkRegistry };`,
        resolveDir: cwd,
        loader: 'js',
      }));
    },
  };
}

/**
 * What an importing chunk's `require('boomtown-shared:<key>')` returns: for an ES module its namespace,
 * marked `__esModule` (with its live getters) so that esbuild's interop reads `default` and the named
 * exports from it as from the module itself; for CommonJS or JSON, its `module.exports`.
 */
function registrySource(keys, pathOf, cwd, formats) {
  const lines = keys.map((key, index) => {
    const from = JSON.stringify(importPathOf(key, pathOf, cwd));
    return formats.get(key) === 'esm'
      ? `import * as n${index} from ${from};\nconst m${index} = asModule(n${index});`
      : `const m${index} = require(${from});`;
  });
  lines.unshift(`const asModule = (namespace) => Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(namespace), __esModule: { value: true } });`);
  lines.push(`const registry = { ${keys.map((key, index) => `${JSON.stringify(key)}: m${index}`).join(', ')} };`);
  return lines.join('\n');
}

function importPathOf(key, pathOf, cwd) {
  const known = pathOf.get(key);
  if (known && known.namespace !== 'file') throw new Error(`deferred chunks: ${key} (namespace ${known.namespace}) is shared between chunks; only files can be`);
  return resolvePath(cwd, key);
}

/** The main bundle's side: the loader of the chunks (packed in the comment at the end), the registry of its modules that chunks import, and the loader. */
function runtimePlugin({ cwd, report, owner, exported, sharedKeys, pathOf, formats, buildId }) {
  return {
    name: 'deferred-chunks-runtime',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${RUNTIME}$`) }, () => ({ path: RUNTIME, namespace: RUNTIME }));
      // What `require(<a chunk's entry>)` returns: its exports as getters, each loading the chunk (so a
      // chunk that failed to load throws its error at every use, where a wrapper that ran once would
      // leave an empty module behind).
      build.onLoad({ filter: /.*/, namespace: LOADER }, (args) => ({
        contents: `const { loadChunk } = require(${JSON.stringify(RUNTIME)});
Object.defineProperty(module.exports, '__esModule', { value: true });
for (const name of ${JSON.stringify(report[args.path].exportNames)}) {
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => loadChunk(${JSON.stringify(args.path)})[name] });
}`,
        resolveDir: cwd,
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: RUNTIME }, () => {
        // Where each module a chunk imports from an earlier chunk lives (the main bundle's are in `registry`).
        const owners = Object.fromEntries([...owner].filter(([key, holder]) => holder !== 'main' && sharedKeys.has(key)));
        return {
          contents: `${registrySource(exported, pathOf, cwd, formats)}
let packed;
const PAYLOAD_MARK = ${JSON.stringify(PAYLOAD_MARK)};
${readPayload.toString()}
/** The chunks, read back from the comment at the end of this very file, on the first chunk load. */
function packedChunks() {
  if (packed) return packed;
  const payload = readPayload(require('node:fs').readFileSync(__filename, 'latin1'));
  if (payload?.buildId !== ${JSON.stringify(buildId)}) {
    throw new Error('BoomTown: ' + __filename + ' is not the build this window loaded (it was rebuilt or replaced): reload the window');
  }
  packed = payload.packed;
  return packed;
}
const owners = ${JSON.stringify(owners)};
const loaded = new Map();
function chunkRequire(id) {
  if (id.startsWith(${JSON.stringify(SHARED)})) {
    const key = id.slice(${SHARED.length});
    const holder = owners[key];
    const registryOf = holder === undefined ? registry : loadChunk(holder).__chunkRegistry;
    if (!(key in registryOf)) throw new Error('BoomTown bundle: module ' + key + ' is not shared with chunks');
    return registryOf[key];
  }
  if (id.startsWith(${JSON.stringify(CHUNK)})) return loadChunk(id.slice(${CHUNK.length}));
  return require(id);
}
export function loadChunk(name) {
  const done = loaded.get(name);
  if (done?.failed) throw done.failed;
  if (done) return done.exports;
  const source = require('node:zlib').brotliDecompressSync(Buffer.from(packedChunks()[name], 'base64')).toString('utf8');
  const compiled = require('node:vm').compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: require('node:path').join(__dirname, 'chunk-' + name + '.js') });
  const chunkModule = { exports: {} };
  loaded.set(name, chunkModule);
  try {
    compiled(chunkModule.exports, chunkRequire, chunkModule, __filename, __dirname);
  } catch (error) {
    chunkModule.failed = error;
    throw error;
  }
  return chunkModule.exports;
}`,
          resolveDir: cwd,
          loader: 'js',
        };
      });
    },
  };
}

function modulesIn(metafile) {
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path)
    .filter((path) => !path.startsWith(`${REGISTRY_ENTRY}:`));
}

/** The invariant the registries exist for: no module has code in two places. */
function assertOneCopyEach(mainMetafile, report) {
  const where = new Map();
  const places = [['main', modulesIn(mainMetafile)], ...Object.entries(report).map(([name, { metafile }]) => [name, modulesIn(metafile)])];
  for (const [place, modules] of places) {
    for (const module of modules) {
      if (module.startsWith(`${RUNTIME}:`) || module.startsWith(`${LOADER}:`)) continue;
      const earlier = where.get(module);
      if (earlier) throw new Error(`deferred chunks: ${module} has code in both ${earlier} and ${place}`);
      where.set(module, place);
    }
  }
}
