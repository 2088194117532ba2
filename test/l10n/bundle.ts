/**
 * l10n/bundle.l10n.json, made by @vscode/l10n-dev's own scanner from every user-facing string in src/.
 *   npm run l10n         writes it
 *   npm run l10n:check   exits 1 when the committed bundle is not what a fresh scan gives, or when a
 *                        message literal is made an error's template unmarked (run by `npm test`, so CI)
 *
 * The scanner reads `vscode.l10n.t('…')` calls in the extension's files and `l10n.t('…')` in core's,
 * which import @vscode/l10n: the files are given to it as they are. What it cannot see is a literal
 * handed to `userFacingError` (or rawPath's `badInput`) without `l10n.t`: never translated, so refused here.
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');
/** A message literal made an error's template without l10n.t, where the scanner cannot see it. */
const UNMARKED = /\b(?:userFacingError\(\s*'[A-Za-z]+',|badInput\()\s*['"`]/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export async function scanBundle(): Promise<{ bundle: Record<string, unknown>; unmarked: string[] }> {
  const files = await sourceFiles(path.join(ROOT, 'src'));
  const unmarked: string[] = [];
  const all = await Promise.all(
    files.map(async (file) => {
      const contents = await readFile(path.join(ROOT, file), 'utf8');
      for (const match of contents.matchAll(UNMARKED)) {
        const line = contents.slice(0, match.index).split('\n').length;
        unmarked.push(`${file}:${line}: ${match[0].replace(/\s+/g, ' ')}…`);
      }
      return { extension: '.ts', contents };
    }),
  );
  // Parsing is the slow part; a file without an l10n.t call has nothing for the scanner.
  const scripts = all.filter((script) => script.contents.includes('l10n.t'));
  const bundle = (await getL10nJson(scripts)) as Record<string, unknown>;
  const sorted = Object.fromEntries(Object.keys(bundle).sort().map((key) => [key, bundle[key]]));
  return { bundle: sorted, unmarked };
}

export function serialize(bundle: Record<string, unknown>): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { bundle, unmarked } = await scanBundle();
  if (unmarked.length) {
    console.error(`l10n: messages made an error's template without l10n.t('…'), so the scanner cannot find them:\n  ${unmarked.join('\n  ')}`);
    process.exit(1);
  }
  const fresh = serialize(bundle);
  if (!check) {
    await mkdir(path.dirname(BUNDLE), { recursive: true });
    await writeFile(BUNDLE, fresh);
    console.log(`l10n: wrote ${path.relative(ROOT, BUNDLE)} (${Object.keys(bundle).length} messages)`);
    return;
  }
  const committed = await readFile(BUNDLE, 'utf8').catch(() => '');
  if (committed !== fresh) {
    const before = new Set(Object.keys(committed ? (JSON.parse(committed) as object) : {}));
    const after = new Set(Object.keys(bundle));
    const added = [...after].filter((key) => !before.has(key));
    const removed = [...before].filter((key) => !after.has(key));
    console.error(`l10n: l10n/bundle.l10n.json is stale (${added.length} new, ${removed.length} gone${added.length + removed.length ? '' : ', order or format differs'}). Run \`npm run l10n\`.`);
    for (const key of added.slice(0, 10)) console.error(`  + ${key}`);
    for (const key of removed.slice(0, 10)) console.error(`  - ${key}`);
    process.exit(1);
  }
  console.log(`l10n: l10n/bundle.l10n.json is up to date (${Object.keys(bundle).length} messages)`);
}


if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
