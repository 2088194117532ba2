import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  const sources: Record<string, string> = {
    'shared.ts': `export class Token {}\nexport const loads: string[] = [];\n`,
    'helper.ts': `import { loads } from './shared';\nloads.push('helper');\nexport const helper = { made: Math.random() };\n`,
    'first.ts': `import { loads, Token } from './shared';\nimport { helper } from './helper';\nloads.push('first');\nexport const token = new Token();\nexport { helper };\nexport const FIRST_ONLY_MARKER = 'first-chunk-code-in-clear';\n`,
    'second.ts': `import { loads, Token } from './shared';\nimport { helper } from './helper';\nloads.push('second');\nexport const token = new Token();\nexport { helper };\n`,
    'flaky.ts': `const g = globalThis as { failFlakyOnce?: boolean };\nif (g.failFlakyOnce) { g.failFlakyOnce = false; throw new Error('flaky chunk failed'); }\nexport const ok = true;\n`,
    'main.ts': `import { loads, Token } from './shared';
export { loads, Token };
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
    await buildWithDeferredChunks(
      { absWorkingDir: dir, entryPoints: ['main.ts'], outfile: bundle, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'silent' },
      [
        { name: 'first', entry: 'first.ts' },
        { name: 'second', entry: 'second.ts' },
        { name: 'flaky', entry: 'flaky.ts' },
      ],
    );
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

  it('a chunk that fails to load is not remembered: the next require tries again', async () => {
    const script = `globalThis.failFlakyOnce = true;
      let first;
      try { first = main.flaky().ok; } catch (error) { first = error.message; }
      return { first, second: main.flaky().ok, compiled };`;
    assert.deepEqual(await probe(script), { first: 'flaky chunk failed', second: true, compiled: 2 });
  });
});
