/**
 * Bundle section: the size of the production bundle and how long Node takes to load it.
 *
 * The build runs `node esbuild.mjs --production` (as `npm run package` does) in a scratch copy of
 * the repository: other work in this tree (the integration rig) builds and uses dist/ meanwhile,
 * and must not find a different bundle there halfway through.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import type { SectionResult } from './report';
import { median, percentile, round } from './stats';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The build's deferred chunks, whose reader of a bundle's chunks the benchmark uses. */
const DEFERRED_CHUNKS = path.join(REPO_ROOT, 'src', 'bundle', 'deferredChunks.mjs');
/** What the bundle is compared with: the size of VS Code's built-in GitHub sign-in extension. */
const REFERENCE_KB = 221;
const LOAD_RUNS = 10;
const BUILD_TIMEOUT_MS = 60_000;
const LOAD_TIMEOUT_MS = 10_000;

export async function bundleSection(say: (line: string) => void): Promise<SectionResult> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'boomtown-bench-bundle-'));
  try {
    say('bundle: node esbuild.mjs --production (in a scratch copy)');
    const bundlePath = await buildProduction(scratch);
    const bytes = await readFile(bundlePath);
    const gzipBytes = gzipSync(bytes, { level: 9 }).length;

    say(`bundle: require() in ${LOAD_RUNS} fresh Node processes`);
    // One run first, not counted: it reads the files from disk into the page cache.
    await requireTime(bundlePath);
    const samples: Array<{ ms: number; chunks: Record<string, number> }> = [];
    for (let i = 0; i < LOAD_RUNS; i++) samples.push(await requireTime(bundlePath));
    const loads = samples.map((sample) => sample.ms);
    const chunkFirstUse = (name: string) => round(median(samples.map((sample) => sample.chunks[name] ?? 0)));

    const kb = bytes.length / 1024;
    const { parsedAtLoad, chunks } = await bundleParts(bytes.toString('latin1'));
    return {
      name: 'bundle',
      title: 'Bundle (dist/extension.js, production build)',
      figures: [
        { key: 'bundleBytes', label: 'dist/extension.js size', value: bytes.length, unit: 'bytes' },
        { key: 'bundleKB', label: 'dist/extension.js size', value: round(kb), unit: 'KB', target: `VS Code's GitHub sign-in: ${REFERENCE_KB} KB`, met: kb <= REFERENCE_KB },
        { key: 'bundleGzipBytes', label: 'gzipped (level 9)', value: gzipBytes, unit: 'bytes' },
        { key: 'bundleGzipKB', label: 'gzipped (level 9)', value: round(gzipBytes / 1024), unit: 'KB' },
        { key: 'parsedAtLoadBytes', label: 'JavaScript parsed at load', value: parsedAtLoad, unit: 'bytes' },
        ...chunks.flatMap(({ name, packedBytes, bytes: chunkBytes }) => [
          { key: `chunk_${name}_bytes`, label: `chunk "${name}", compiled on first use`, value: chunkBytes, unit: 'bytes' },
          { key: `chunk_${name}_packedBytes`, label: `chunk "${name}", as carried (brotli, base64)`, value: packedBytes, unit: 'bytes' },
          { key: `chunk_${name}_firstUseMs`, label: `chunk "${name}": inflate + compile, median`, value: chunkFirstUse(name), unit: 'ms' },
        ]),
        { key: 'requireMsMedian', label: `require() time, median of ${LOAD_RUNS}`, value: round(median(loads)), unit: 'ms' },
        { key: 'requireMsP95', label: `require() time, p95 of ${LOAD_RUNS}`, value: round(percentile(loads, 95)), unit: 'ms' },
        { key: 'requireMsMin', label: 'require() time, fastest', value: round(Math.min(...loads)), unit: 'ms' },
      ],
      notes: [
        'Built with `node esbuild.mjs --production` in a scratch copy of the repository (the shared dist/ is left alone). 1 KB = 1024 bytes.',
        'The chunks ride in a comment at the end of dist/extension.js (src/bundle/deferredChunks.mjs): the parser scans it, nothing compiles it until a feature is first used.',
        'A chunk\'s "inflate + compile" is what its first use adds before its code runs (the sign-in chunk\'s, right after activation at every start); running it needs a real VS Code and is not timed here.',
        'require() time is MODULE-LOAD time in a fresh Node process with a stub `vscode` module: activate() is not called. It is not VS Code activation time.',
      ],
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The code before the chunks' comment, and each chunk as carried and as compiled. */
async function bundleParts(text: string): Promise<{ parsedAtLoad: number; chunks: Array<{ name: string; packedBytes: number; bytes: number }> }> {
  const { readPayload } = (await import(DEFERRED_CHUNKS)) as { readPayload(text: string): { start: number; packed: Record<string, string> } | undefined };
  const payload = readPayload(text);
  if (!payload) return { parsedAtLoad: text.length, chunks: [] };
  const chunks = Object.entries(payload.packed).map(([name, base64]) => ({ name, packedBytes: base64.length, bytes: brotliDecompressSync(Buffer.from(base64, 'base64')).length }));
  return { parsedAtLoad: payload.start, chunks };
}

/** The same build command and inputs as in the repository, run in `scratch`; returns the bundle's path. */
async function buildProduction(scratch: string): Promise<string> {
  for (const entry of ['esbuild.mjs', 'package.json', 'tsconfig.json', 'src']) {
    await cp(path.join(REPO_ROOT, entry), path.join(scratch, entry), { recursive: true });
  }
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  await run(process.execPath, ['esbuild.mjs', '--production'], { cwd: scratch, timeout: BUILD_TIMEOUT_MS, env: plainNodeEnv() });
  return path.join(scratch, 'dist', 'extension.js');
}

/** require() of the bundle in a fresh Node process, then inflating and compiling each chunk there. */
async function requireTime(bundlePath: string): Promise<{ ms: number; chunks: Record<string, number> }> {
  const { stdout } = await run(process.execPath, [path.join(__dirname, 'loadBundle.cjs'), bundlePath, DEFERRED_CHUNKS], { timeout: LOAD_TIMEOUT_MS, env: plainNodeEnv() });
  const answer = JSON.parse(stdout) as { ms: number; exports: string[]; chunks: Record<string, number> };
  if (!answer.exports.includes('activate')) throw new Error(`the bundle exports no activate(): ${answer.exports.join(', ')}`);
  return answer;
}

/** Our environment without NODE_OPTIONS, so the child is plain Node even when tsx put its loader there. */
function plainNodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}
