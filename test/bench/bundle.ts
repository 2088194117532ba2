/**
 * Bundle section: the size of the production build (dist/*.mjs: the entry and the chunks esbuild's
 * code splitting makes) and how long Node takes to import the entry.
 *
 * The build runs `node esbuild.mjs --production` (as `npm run package` does) in a scratch copy of
 * the repository: other work in this tree (the integration rig) builds and uses dist/ meanwhile,
 * and must not find a different bundle there halfway through.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { SectionResult } from './report';
import { median, percentile, round } from './stats';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = 'extension.mjs';
const LOAD_RUNS = 10;
const BUILD_TIMEOUT_MS = 60_000;
const LOAD_TIMEOUT_MS = 10_000;

export async function bundleSection(say: (line: string) => void): Promise<SectionResult> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'boomtown-bench-bundle-'));
  try {
    say('bundle: node esbuild.mjs --production (in a scratch copy)');
    const dist = await buildProduction(scratch);
    const files = (await readdir(dist)).filter((file) => file.endsWith('.mjs')).sort();
    const sizes = new Map<string, Buffer>();
    for (const file of files) sizes.set(file, await readFile(path.join(dist, file)));
    const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes.length, 0);
    const gzipBytes = [...sizes.values()].reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0);
    const atLoad = loadedWithEntry(sizes);
    const entryUrl = pathToFileURL(path.join(dist, ENTRY)).href;

    say(`bundle: import() in ${LOAD_RUNS} fresh Node processes`);
    // One run first, not counted: it reads the files from disk into the page cache.
    await importTime(entryUrl);
    const loads: number[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) loads.push(await importTime(entryUrl));

    return {
      name: 'bundle',
      title: 'Bundle (dist/*.mjs, production build)',
      figures: [
        { key: 'bundleBytes', label: 'dist/*.mjs, total', value: total, unit: 'bytes' },
        { key: 'bundleKB', label: 'dist/*.mjs, total', value: round(total / 1024), unit: 'KB' },
        { key: 'bundleGzipBytes', label: 'gzipped (level 9, file by file)', value: gzipBytes, unit: 'bytes' },
        { key: 'entryBytes', label: `dist/${ENTRY}`, value: sizes.get(ENTRY)?.length ?? 0, unit: 'bytes' },
        { key: 'parsedAtLoadBytes', label: 'JavaScript loaded with the entry (it and its static imports)', value: atLoad.bytes, unit: 'bytes' },
        { key: 'filesAtLoad', label: 'files loaded with the entry (it and its static imports)', value: atLoad.files, unit: 'files' },
        ...files
          .filter((file) => file !== ENTRY)
          .map((file) => ({ key: `chunk_${figureName(file)}_bytes`, label: `dist/${file}`, value: sizes.get(file)!.length, unit: 'bytes' })),
        { key: 'importMsMedian', label: `import() time, median of ${LOAD_RUNS}`, value: round(median(loads)), unit: 'ms' },
        { key: 'importMsP95', label: `import() time, p95 of ${LOAD_RUNS}`, value: round(percentile(loads, 95)), unit: 'ms' },
        { key: 'importMsMin', label: 'import() time, fastest', value: round(Math.min(...loads)), unit: 'ms' },
      ],
      notes: [
        'Built with `node esbuild.mjs --production` in a scratch copy of the repository (the shared dist/ is left alone). 1 KB = 1024 bytes.',
        'Chunks are named by esbuild ([name]-[hash]): the sign-in feature (authFeature), the workbench features (workbenchFeatures) and the HTTP stack (httpStack) load on first use through import(); chunk-* files hold modules they share. vendor-<name>.mjs is a CommonJS package (undici, proper-lockfile, yaml, @vscode/l10n) as its own file, loaded by the first chunk that imports it; vendor-chunk-* holds the esbuild helpers they share.',
        'import() time is MODULE-LOAD time of the entry in a fresh Node process with a stub `vscode` module (test/bench/loadBundle.mjs): activate() is not called. It is not VS Code activation time (the rig reports that, from VS Code\'s own table).',
      ],
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A file's name in the figures' keys: a named chunk without its content hash (`authFeature`), so the key
 * stays from build to build; the shared chunks esbuild names only by hash keep it, or they would share one key.
 */
const figureName = (file: string) => (/^(vendor-)?chunk-/.test(file) ? file.replace(/\.mjs$/, '') : file.replace(/(-[A-Z0-9]{8})?\.mjs$/, '')).replace(/\W/g, '_');

/** Bytes and count of the entry and of the files it imports statically (found in its import statements), recursively. */
function loadedWithEntry(files: ReadonlyMap<string, Buffer>): { bytes: number; files: number } {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !files.has(file)) return;
    seen.add(file);
    for (const match of files.get(file)!.toString('utf8').matchAll(/(?:^|[;\n])\s*import\s*(?:[^"'()]*?\bfrom\s*)?["']\.\/([^"']+)["']/g)) visit(match[1]);
  };
  visit(ENTRY);
  return { bytes: [...seen].reduce((sum, file) => sum + files.get(file)!.length, 0), files: seen.size };
}

/** The same build command and inputs as in the repository, run in `scratch`; returns its dist folder. */
async function buildProduction(scratch: string): Promise<string> {
  for (const entry of ['esbuild.mjs', 'package.json', 'tsconfig.json', 'src']) {
    await cp(path.join(REPO_ROOT, entry), path.join(scratch, entry), { recursive: true });
  }
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  await run(process.execPath, ['esbuild.mjs', '--production'], { cwd: scratch, timeout: BUILD_TIMEOUT_MS, env: plainNodeEnv() });
  return path.join(scratch, 'dist');
}

/** import() of the entry in a fresh Node process. */
async function importTime(entryUrl: string): Promise<number> {
  const { stdout } = await run(process.execPath, [path.join(__dirname, 'loadBundle.mjs'), entryUrl], { timeout: LOAD_TIMEOUT_MS, env: plainNodeEnv() });
  const answer = JSON.parse(stdout) as { ms: number; exports: string[] };
  if (!answer.exports.includes('activate')) throw new Error(`the bundle exports no activate(): ${answer.exports.join(', ')}`);
  return answer.ms;
}

/** Our environment without NODE_OPTIONS, so the child is plain Node even when tsx put its loader there. */
function plainNodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}
