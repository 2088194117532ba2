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

/**
 * The extension bundle maps `undici` to a slice of it and replaces some of its modules. This
 * proves that slice still makes real requests (keep-alive, bodies, timeouts and the compressed
 * WebAssembly parser) and stays small, by bundling a probe the same way and running it.
 */
describe('the lean undici bundle', function () {
  this.timeout(30_000);
  let server: Server;
  let url: string;
  let dir: string;

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, path: req.url, body })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'lean-undici-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  async function bundleProbe(): Promise<{ file: string; bytes: number }> {
    const { leanUndiciPlugin } = (await import(join(root, 'src', 'bundle', 'leanUndiciPlugin.mjs'))) as { leanUndiciPlugin: Plugin };
    const entry = join(dir, 'probe.js');
    writeFileSync(
      entry,
      `const { Agent, errors } = require('undici');
       (async () => {
         const agent = new Agent({ connect: { timeout: 2000 } });
         const out = [];
         for (const method of ['GET', 'POST']) {
           const res = await agent.request({ origin: process.argv[2], path: '/v1/me?x=1', method, body: method === 'POST' ? 'a=b' : undefined, headersTimeout: 2000, bodyTimeout: 2000 });
           out.push(await res.body.json());
         }
         out.push(typeof errors.HeadersTimeoutError);
         await agent.close();
         console.log(JSON.stringify(out));
       })().catch((e) => { console.error(e); process.exit(1); });`,
    );
    const file = join(dir, 'probe.bundle.js');
    const result = await build({ entryPoints: [entry], outfile: file, bundle: true, platform: 'node', format: 'cjs', minify: true, plugins: [leanUndiciPlugin], write: true, logLevel: 'silent', metafile: true });
    const bytes = Object.values(result.metafile!.outputs)[0].bytes;
    return { file, bytes };
  }

  it('makes real requests through the compressed parser', async () => {
    const { file } = await bundleProbe();
    const { stdout } = await promisify(execFile)(process.execPath, [file, url], { timeout: 20_000 });
    assert.deepEqual(JSON.parse(stdout), [
      { method: 'GET', path: '/v1/me?x=1', body: '' },
      { method: 'POST', path: '/v1/me?x=1', body: 'a=b' },
      'function',
    ]);
  });

  it('stays small', async () => {
    const { bytes } = await bundleProbe();
    // The whole package entry bundles to ~477 KB; the slice is about 100 KB.
    assert.ok(bytes < 130_000, `the undici slice is ${bytes} bytes`);
  });
});
