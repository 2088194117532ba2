/**
 * The contract in the shipped bundle: the OpenAPI document is a chunk that only its dynamic
 * import() loads (never at activation), and the description worker is an output file of its own
 * that reads YAML off the calling thread, as the extension host will run it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BuildOptions } from 'esbuild';

const root = join(__dirname, '..', '..', '..', '..');
const run = promisify(execFile);

interface BuildModule {
  extensionBuildOptions(how: { production: boolean; outdir?: string; logLevel?: string }): BuildOptions;
  buildBundle(how: { production: boolean; outdir?: string; logLevel?: string }, options: { entryPoints: Record<string, string> }): Promise<unknown>;
}

describe('the API contract in the bundle', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'contract-bundle-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the document on first use only, and reads a YAML description on the worker entry', async () => {
    const { extensionBuildOptions, buildBundle } = (await import(join(root, 'src', 'bundle', 'extensionBuild.mjs'))) as BuildModule;
    const how = { production: true, outdir: join(dir, 'out'), logLevel: 'silent' };
    const options = extensionBuildOptions(how);
    const entries = options.entryPoints as Record<string, string>;
    assert.equal(entries.apiDescriptionWorker, 'src/core/api/contract/descriptionWorker.ts');
    const probe = join(dir, 'probe.ts');
    const contractModule = join(root, 'src', 'core', 'api', 'contract', 'apiContract.ts').replace(/\\/g, '/');
    const workerModule = join(root, 'src', 'core', 'api', 'contract', 'readInWorker.ts').replace(/\\/g, '/');
    writeFileSync(
      probe,
      `const { builtInContract } = await import('${contractModule}');
       const { readApiDescriptionInWorker } = await import('${workerModule}');
       const contract = await builtInContract();
       const yaml = 'openapi: 3.1.0\\ninfo: { title: Listings, version: "1" }\\npaths:\\n  /v1/listings:\\n    get: { summary: Listings }\\n';
       const read = await readApiDescriptionInWorker(yaml, 'listings.yaml', { workerFile: new URL('./apiDescriptionWorker.mjs', import.meta.url) });
       console.log(JSON.stringify({ operations: contract.operations.length, read: read.ok ? read.contract.operations.map((o) => o.method + ' ' + o.path) : read.problem }));`,
    );
    await buildBundle(how, { entryPoints: { ...entries, probe } });
    const outdir = join(dir, 'out');
    const files = readdirSync(outdir).filter((file) => file.endsWith('.mjs'));
    const holding = files.filter((file) => readFileSync(join(outdir, file), 'utf8').includes('listLeadEvents'));
    assert.equal(holding.length, 1, `the document is in one file: ${holding.join(', ')}`);
    assert.ok(!['extension.mjs', 'probe.mjs', 'apiDescriptionWorker.mjs'].includes(holding[0]), `the document is a chunk of its own, not in ${holding[0]}`);
    assert.ok(!readFileSync(join(outdir, 'extension.mjs'), 'utf8').includes(holding[0]), 'activation does not import the document');
    for (const file of files) assert.doesNotMatch(readFileSync(join(outdir, file), 'utf8'), /new Function\(|\beval\(/, `${file} compiles code at run time`);
    const { stdout } = await run(process.execPath, [join(outdir, 'probe.mjs')], { timeout: 30_000 });
    assert.deepEqual(JSON.parse(stdout), { operations: 6, read: ['GET /v1/listings'] });
  });
});
