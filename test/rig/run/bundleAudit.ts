import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

/**
 * What a security reviewer looks for in an extension's JavaScript, checked over the packaged .vsix:
 * - a code payload: a base64 run, or a run of escaped or raw binary characters, longer than
 *   PAYLOAD_RUN_CHARS, that is not one of undici's own WebAssembly strings exactly as the package ships them;
 * - code compiled at run time: `vm`, `compileFunction`, `runInThisContext`, `eval(`, `new Function`,
 *   beyond what undici's own files contain (they contain none today);
 * - a package that put code in the bundle but is missing from the third-party notices.
 */
export const PAYLOAD_RUN_CHARS = 4096;

const PAYLOAD_RUNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  // Base64 and base64url (hexadecimal is a subset): minified code never has 4 KB without punctuation.
  { kind: 'base64', pattern: new RegExp(`[A-Za-z0-9+/_-]{${PAYLOAD_RUN_CHARS},}={0,2}`, 'g') },
  // Compressed bytes written as string escapes, or as raw characters outside printable ASCII.
  { kind: 'escaped binary', pattern: /(?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\[0-7]{1,3}){1024,}/g },
  { kind: 'raw binary', pattern: /[\u0000-\u0008\u000e-\u001f\u007f-\uffff]{1024,}/g },
];

const DYNAMIC_CODE: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'the vm module', pattern: /\brequire\(\s*["'](?:node:)?vm["']\s*\)|\bfrom\s*["'](?:node:)?vm["']|\bimport\(\s*["'](?:node:)?vm["']\s*\)/g },
  { name: 'compileFunction', pattern: /\bcompileFunction\b/g },
  { name: 'runInThisContext', pattern: /\brunIn(?:This|New)?Context\b/g },
  { name: 'eval(', pattern: /(?<![\w$.])eval\s*\(/g },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/g },
];

export interface PayloadRun {
  kind: string;
  length: number;
  text: string;
}

export function payloadRuns(source: string): PayloadRun[] {
  return PAYLOAD_RUNS.flatMap(({ kind, pattern }) => [...source.matchAll(pattern)].map((match) => ({ kind, length: match[0].length, text: match[0] })));
}

/** How often each kind of run-time compilation occurs in `source`. */
export function dynamicCodeCounts(source: string): Map<string, number> {
  return new Map(DYNAMIC_CODE.map(({ name, pattern }) => [name, [...source.matchAll(pattern)].length]));
}

/** What undici, as installed, itself contains: the same scan over its package files. */
export interface Allowance {
  payloads: ReadonlySet<string>;
  dynamicCode: ReadonlyMap<string, number>;
}

export async function undiciAllowance(repoRoot: string): Promise<Allowance> {
  const dir = path.join(repoRoot, 'node_modules', 'undici');
  const files = (await readdir(dir, { recursive: true })).filter((file) => /\.(c|m)?js$/.test(file));
  const payloads = new Set<string>();
  const dynamicCode = new Map<string, number>();
  for (const file of files) {
    const source = await readFile(path.join(dir, file), 'utf8');
    for (const run of payloadRuns(source)) payloads.add(run.text);
    for (const [name, count] of dynamicCodeCounts(source)) dynamicCode.set(name, (dynamicCode.get(name) ?? 0) + count);
  }
  return { payloads, dynamicCode };
}

/** The findings in one JavaScript file of the package; `dynamicCodeSoFar` sums the files seen before. */
export function auditScript(file: string, source: string, allowance: Allowance, dynamicCodeSoFar = new Map<string, number>()): string[] {
  const findings = payloadRuns(source)
    .filter((run) => !allowance.payloads.has(run.text))
    .map((run) => `${file}: a ${run.kind} run of ${run.length} characters (${run.text.slice(0, 24)}...) that is not undici's own WebAssembly`);
  for (const [name, count] of dynamicCodeCounts(source)) {
    const total = (dynamicCodeSoFar.get(name) ?? 0) + count;
    dynamicCodeSoFar.set(name, total);
    const allowed = allowance.dynamicCode.get(name) ?? 0;
    if (count > 0 && total > allowed) findings.push(`${file}: ${name} (${total} in the package, ${allowed} in undici's own files)`);
  }
  return findings;
}

export interface BundledPackage {
  name: string;
  version: string;
}

/** The bundled packages the notices text does not name with their version. */
export function missingFromNotices(packages: readonly BundledPackage[], notices: string): string[] {
  const headings = new Set(notices.split('\n').map((line) => line.replace(/ \(.*\)$/, '')));
  return packages.filter(({ name, version }) => !headings.has(`${name} ${version}`)).map(({ name, version }) => `${name} ${version}`);
}

/** Every file under extension/dist/ in the archive, by its name there. */
export async function readPackagedDist(vsix: string): Promise<Map<string, Buffer>> {
  const archive = await yauzl.openPromise(vsix);
  const dist = new Map<string, Buffer>();
  for await (const entry of archive.eachEntry()) {
    if (entry.fileName.startsWith('extension/dist/') && !entry.fileName.endsWith('/')) {
      dist.set(entry.fileName.slice('extension/dist/'.length), await buffer(await archive.openReadStreamPromise(entry)));
    }
  }
  await archive.close();
  return dist;
}

/**
 * Every finding over the dist/ files of a package: payloads and run-time compilation in its scripts,
 * and bundled packages (as the build's metafile lists them, see bundledPackages) missing from its
 * THIRD_PARTY_NOTICES.txt.
 */
export function auditDist(dist: ReadonlyMap<string, Buffer>, allowance: Allowance, bundled: readonly BundledPackage[]): string[] {
  const findings: string[] = [];
  const dynamicCodeSoFar = new Map<string, number>();
  for (const [file, bytes] of [...dist].sort(([a], [b]) => a.localeCompare(b))) {
    if (/\.(c|m)?js$/.test(file)) findings.push(...auditScript(file, bytes.toString('utf8'), allowance, dynamicCodeSoFar));
  }
  const notices = dist.get('THIRD_PARTY_NOTICES.txt');
  if (!notices) findings.push('THIRD_PARTY_NOTICES.txt is missing');
  else for (const missing of missingFromNotices(bundled, notices.toString('utf8'))) findings.push(`THIRD_PARTY_NOTICES.txt does not list ${missing}, which is in the bundle`);
  return findings;
}
