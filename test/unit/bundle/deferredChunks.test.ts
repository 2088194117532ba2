import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BuildOptions } from 'esbuild';

const root = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

type BuildWithDeferredChunks = (options: BuildOptions, chunks: Array<{ name: string; entry: string }>) => Promise<unknown>;

/**
 * A small project built the way the extension is (src/bundle/deferredChunks.mjs): a main file and two
 * chunks, the second using a module of the first and both using one of the main file. Run in a fresh
 * Node process that counts vm.compileFunction calls: a chunk compiles when its entry is first required.
 */
describe('deferred chunks in one bundle', function () {
  this.timeout(30_000);
  let dir: string;
  let bundle: string;
  let build: (workingDir: string, outfile: string) => Promise<unknown>;

  const sources: Record<string, string> = {
    'shared.ts': `export class Token {}\nexport const loads: string[] = [];\nexport default function greet(): string { return 'hello from shared'; }\n`,
    'legacy.cjs': `module.exports = { legacy: 'commonjs exports', instance: {} };\n`,
    'data.json': `{ "fromJson": 42 }\n`,
    'helper.ts': `import { loads } from './shared';\nloads.push('helper');\nexport const helper = { made: Math.random() };\n`,
    'first.ts': `import { loads, Token } from './shared';\nimport { helper } from './helper';\nloads.push('first');\nexport const token = new Token();\nexport { helper };\nexport const FIRST_ONLY_MARKER = 'first-chunk-code-in-clear';\n`,
    'second.ts': `import greet, { loads, Token } from './shared';
import * as everything from './shared';
import legacy from './legacy.cjs';
import { instance } from './legacy.cjs';
import data from './data.json';
import { helper } from './helper';
loads.push('second');
export const token = new Token();
export const interop = { greeting: greet(), viaNamespace: everything.default === greet, legacy, instance, data };
export { helper };
`,
    'flaky.ts': `const g = globalThis as { failFlakyOnce?: boolean };\nif (g.failFlakyOnce) { g.failFlakyOnce = false; throw new Error('flaky chunk failed'); }\nexport const ok = true;\n`,
    'main.ts': `import greet, { loads, Token } from './shared';
import legacy from './legacy.cjs';
import data from './data.json';
export { loads, Token, greet, legacy, data };
export const first = () => require('./first') as typeof import('./first');
export const second = () => require('./second') as typeof import('./second');
export const flaky = () => require('./flaky') as typeof import('./flaky');
`,
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deferred-chunks-'));
    for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, name), text);
    bundle = join(dir, 'out', 'main.js');
    const { buildWithDeferredChunks } = (await import(join(root, 'src', 'bundle', 'deferredChunks.mjs'))) as { buildWithDeferredChunks: BuildWithDeferredChunks };
    build = (workingDir, outfile) =>
      buildWithDeferredChunks(
        { absWorkingDir: workingDir, entryPoints: ['main.ts'], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'silent' },
        [
          { name: 'first', entry: 'first.ts' },
          { name: 'second', entry: 'second.ts' },
          { name: 'flaky', entry: 'flaky.ts' },
        ],
      );
    await build(dir, bundle);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function probe(script: string): Promise<unknown> {
    const file = join(dir, `probe-${Math.random().toString(36).slice(2)}.cjs`);
    writeFileSync(
      file,
      `const vm = require('node:vm');
       const compile = vm.compileFunction;
       let compiled = 0;
       vm.compileFunction = (...args) => (compiled++, compile(...args));
       const main = require(${JSON.stringify(bundle)});
       const out = (() => { ${script} })();
       console.log(JSON.stringify(out));`,
    );
    const { stdout } = await run(process.execPath, [file], { timeout: 20_000 });
    return JSON.parse(stdout);
  }

  it('builds the same from a working directory reached through a symbolic link (as macOS\'s temporary folder is)', async () => {
    const link = join(tmpdir(), `deferred-chunks-link-${process.pid}`);
    rmSync(link, { force: true });
    symlinkSync(dir, link, 'dir');
    try {
      const linked = join(dir, 'out', 'linked.js');
      await build(link, linked);
      assert.equal(readFileSync(linked, 'utf8'), readFileSync(bundle, 'utf8'));
    } finally {
      rmSync(link, { force: true });
    }
  });

  it('ships chunk code compressed, not in clear', () => {
    assert.equal(readFileSync(bundle, 'utf8').includes('first-chunk-code-in-clear'), false);
  });

  it('loading the bundle compiles and runs no chunk', async () => {
    assert.deepEqual(await probe(`return { compiled, loads: [...main.loads] };`), { compiled: 0, loads: [] });
  });

  it('a chunk compiles when what its entry exports is first used, once', async () => {
    const script = `const entry = main.first();
      const compiledByRequire = compiled;
      const marker = entry.FIRST_ONLY_MARKER;
      main.first().token;
      return { compiledByRequire, compiled, loads: [...main.loads], marker };`;
    assert.deepEqual(await probe(script), {
      compiledByRequire: 0,
      compiled: 1,
      loads: ['helper', 'first'],
      marker: 'first-chunk-code-in-clear',
    });
  });

  it('a later chunk gets the very modules of the main bundle and of the earlier chunk (one instance each)', async () => {
    const script = `const second = main.second();
      second.helper;
      const compiledBySecond = compiled;
      const first = main.first();
      return {
        compiledBySecond,
        loads: [...main.loads],
        sameHelper: second.helper === first.helper,
        tokensAreMainTokens: second.token instanceof main.Token && first.token instanceof main.Token,
      };`;
    assert.deepEqual(await probe(script), { compiledBySecond: 2, loads: ['helper', 'first', 'second'], sameHelper: true, tokensAreMainTokens: true });
  });

  it('default, namespace, CommonJS and JSON imports across the boundary read the one module as in the main bundle', async () => {
    const script = `const { interop } = main.second();
      return {
        greeting: interop.greeting,
        viaNamespace: interop.viaNamespace,
        sameLegacy: interop.legacy === main.legacy,
        sameInstance: interop.instance === main.legacy.instance,
        sameData: interop.data === main.data,
        data: interop.data.fromJson,
      };`;
    assert.deepEqual(await probe(script), { greeting: 'hello from shared', viaNamespace: true, sameLegacy: true, sameInstance: true, sameData: true, data: 42 });
  });

  it('a chunk that fails while running stays failed: the same error at every use, its code never run twice', async () => {
    const script = `globalThis.failFlakyOnce = true;
      const outcome = () => { try { return main.flaky().ok; } catch (error) { return error.message; } };
      return { first: outcome(), second: outcome(), compiled };`;
    assert.deepEqual(await probe(script), { first: 'flaky chunk failed', second: 'flaky chunk failed', compiled: 1 });
  });

  it('a window running an older build than the file now holds is told to reload, not given chunks of another build', async () => {
    const copy = join(dir, 'out', 'rebuilt.js');
    // The same code, with the chunks of "another build" (another id in the comment that carries them).
    writeFileSync(copy, readFileSync(bundle, 'utf8').replace(/(\/\*boomtown-deferred-chunks:)[0-9a-f]+:/, '$1' + '0'.repeat(16) + ':'));
    const script = `const rebuilt = require(${JSON.stringify(copy)});
      try { return rebuilt.first().token ? 'loaded' : 'empty'; } catch (error) { return error.message; }`;
    assert.match(String(await probe(script)), /is not the build this window loaded .*reload the window/);
  });
});
