import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { auditDist, auditScript, missingFromNotices, readPackagedDist, undiciAllowance, type Allowance } from '../../rig/run/bundleAudit';

const root = join(__dirname, '..', '..', '..');

interface NoticesModule {
  bundledPackages(root: string, metafile: Metafile): Array<{ name: string; version: string; folder: string }>;
  noticesText(root: string, folders: string[]): string;
  packageFolderOf(input: string): string | undefined;
}
const notices = async () => (await import(join(root, 'src', 'bundle', 'thirdPartyNotices.mjs'))) as NoticesModule;
const productionMetafile = async (): Promise<Metafile> => {
  const { buildBundle } = (await import(join(root, 'src', 'bundle', 'extensionBuild.mjs'))) as {
    buildBundle(how: { production: boolean; logLevel: string }, options: { write: boolean }): Promise<{ metafile: Metafile }>;
  };
  return (await buildBundle({ production: true, logLevel: 'silent' }, { write: false })).metafile;
};

/** What undici's llhttp WebAssembly looks like in its package: one base64 string per file. */
const undiciWasm = (file: string) => /wasmBase64 = '([A-Za-z0-9+/=]+)'/.exec(readFileSync(join(root, 'node_modules', 'undici', 'lib', 'llhttp', file), 'utf8'))![1];

describe('the .vsix audit (test/rig/run/bundleAudit.ts)', function () {
  this.timeout(30_000);
  let allowance: Allowance;
  before(async () => (allowance = await undiciAllowance(root)));

  it("allows undici's own WebAssembly base64, as the package ships it, and plain code", () => {
    const code = `const a = 1;\nconst wasm = '${undiciWasm('llhttp_simd-wasm.js')}';\nconst b = '${undiciWasm('llhttp-wasm.js')}';\nexport { a };`;
    assert.deepEqual(auditScript('httpStack.mjs', code, allowance), []);
  });

  it('finds a base64 payload that is not undici\'s, even a re-compressed copy of it', () => {
    const packed = brotliCompressSync(Buffer.from(undiciWasm('llhttp_simd-wasm.js'), 'base64')).toString('base64');
    const findings = auditScript('extension.mjs', `/* ${packed} */ const x = 1;`, allowance);
    assert.equal(findings.length, 1);
    assert.match(findings[0], /^extension\.mjs: a base64 run of \d+ characters/);
  });

  it('finds a shortened or altered copy of undici\'s WebAssembly', () => {
    const altered = undiciWasm('llhttp-wasm.js').slice(0, -8);
    assert.equal(auditScript('a.mjs', `const w = '${altered}';`, allowance).length, 1);
  });

  it('finds compressed bytes written as escapes or as raw characters', () => {
    // Compressed data looks random: gzip of random bytes stands for any packed code.
    const bytes = gzipSync(randomBytes(3000));
    const escaped = [...bytes].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('');
    const raw = String.fromCharCode(...[...bytes].slice(0, 3000).map((byte) => 0x80 + (byte % 0x7f)));
    assert.match(auditScript('a.mjs', `const p = "${escaped}";`, allowance).join('\n'), /escaped binary run/);
    assert.match(auditScript('b.mjs', `const p = "${raw}";`, allowance).join('\n'), /raw binary run/);
  });

  it('allows a long line of ordinary minified code', () => {
    const code = Array.from({ length: 2000 }, (_, i) => `function f${i}(a,b){return a+b*${i}}`).join(';');
    assert.deepEqual(auditScript('a.mjs', code, allowance), []);
  });

  for (const sample of [
    `const vm = require("node:vm");`,
    `import { runInThisContext } from 'vm';`,
    `vm.compileFunction(code, [], {});`,
    `const r = eval("1+1");`,
    `const f = new Function("a", "return a");`,
  ]) {
    it(`finds run-time compilation that undici's own files do not have: ${sample}`, () => {
      assert.equal(auditScript('a.mjs', sample, allowance).length > 0, true);
    });
  }

  it('does not take a method named evaluate or a Function type check for compilation', () => {
    assert.deepEqual(auditScript('a.mjs', `x.evaluate(1); if (typeof y === 'function' || y instanceof Function) z();`, allowance), []);
  });

  it('finds a bundled package missing from the notices, and a missing notices file', () => {
    const bundled = [
      { name: 'undici', version: '7.16.0' },
      { name: 'retry', version: '0.12.0' },
    ];
    const text = `------------------------------------------------------------------------\nundici 7.16.0 (MIT)\nFrom node_modules/undici/LICENSE:\n\nMIT License\n`;
    assert.deepEqual(missingFromNotices(bundled, text), ['retry 0.12.0']);
    assert.deepEqual(missingFromNotices([{ name: 'undici', version: '7.15.0' }], text), ['undici 7.15.0'], 'another version is another package');
    const dist = new Map([['extension.mjs', Buffer.from('export {};')]]);
    assert.deepEqual(auditDist(dist, allowance, bundled), ['THIRD_PARTY_NOTICES.txt is missing']);
    dist.set('THIRD_PARTY_NOTICES.txt', Buffer.from(text));
    assert.deepEqual(auditDist(dist, allowance, bundled), ['THIRD_PARTY_NOTICES.txt does not list retry 0.12.0, which is in the bundle']);
  });

  it('the notices the build writes list every package that put code in the bundle, with its license text', async () => {
    const { bundledPackages, noticesText } = await notices();
    const packages = bundledPackages(root, await productionMetafile());
    const names = packages.map(({ name }) => name);
    for (const expected of ['undici', 'proper-lockfile']) assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    const text = noticesText(root, packages.map(({ folder }) => folder));
    assert.deepEqual(missingFromNotices(packages, text), []);
    assert.ok(text.includes(readFileSync(join(root, 'node_modules', 'undici', 'LICENSE'), 'utf8').trim()), "undici's license text");
    // @vscode/l10n is published without a license file: the text kept in src/bundle/licenses goes in.
    assert.ok(names.includes('@vscode/l10n'), names.join(', '));
    assert.ok(text.includes(readFileSync(join(root, 'src', 'bundle', 'licenses', 'vscode-l10n.LICENSE.txt'), 'utf8').trim()), "@vscode/l10n's license text");
    // Leaving one out is caught.
    const short = noticesText(root, packages.filter(({ name }) => name !== 'undici').map(({ folder }) => folder));
    assert.deepEqual(missingFromNotices(packages, short), [`undici ${packages.find(({ name }) => name === 'undici')!.version}`]);
  });

  it('names the package of a bundled file, nested and scoped ones too', async () => {
    const { packageFolderOf } = await notices();
    assert.equal(packageFolderOf('node_modules/undici/lib/core/util.js'), 'node_modules/undici');
    assert.equal(packageFolderOf('node_modules/proper-lockfile/node_modules/signal-exit/index.js'), 'node_modules/proper-lockfile/node_modules/signal-exit');
    assert.equal(packageFolderOf('node_modules/@scope/pkg/index.js'), 'node_modules/@scope/pkg');
    assert.equal(packageFolderOf('src/extension.ts'), undefined);
  });

  it('passes the packaged .vsix (dist/boomtown-vscode.vsix, which `npm run package` makes and audits)', async function () {
    const vsix = join(root, 'dist', 'boomtown-vscode.vsix');
    if (!existsSync(vsix)) this.skip(); // Not packaged in this checkout: `npm run package` runs the same audit (npm run audit:vsix).
    const { bundledPackages } = await notices();
    const dist = await readPackagedDist(vsix);
    assert.deepEqual(auditDist(dist, allowance, bundledPackages(root, await productionMetafile())), []);
  });
});
