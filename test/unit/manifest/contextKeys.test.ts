import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ContextKeys } from '../../../src/constants';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const WRITER = 'src/vscode/shared/contextKeys.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** Every `when` clause and `onContext:` event in the manifest, wherever it stands. */
function whenClauses(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(whenClauses);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    if (key === 'when' && typeof inner === 'string') return [inner];
    if (key === 'completionEvents' && Array.isArray(inner)) return inner.filter((e) => String(e).startsWith('onContext:')).map((e) => String(e).slice('onContext:'.length));
    return whenClauses(inner);
  });
}

/** Our context keys a clause reads; `view == …` and `viewItem == …` compare against ids, which are not keys. */
function keysRead(clause: string): string[] {
  return clause.replace(/\b(view|viewItem)\s*==\s*[\w.]+/g, '').match(/\bboomtown\.[\w.]+/g) ?? [];
}

describe('context keys', () => {
  const declared = new Set<string>(Object.values(ContextKeys));

  it('every key the manifest reads is declared in ContextKeys, and every declared key is read', () => {
    const read = new Set(whenClauses(manifest.contributes).flatMap(keysRead));
    assert.ok(read.has(ContextKeys.signedIn), 'the welcome view depends on boomtown.signedIn');
    assert.deepEqual([...read].filter((key) => !declared.has(key)), [], 'read by the manifest but not declared');
    assert.deepEqual([...declared].filter((key) => !read.has(key)), [], 'declared but never read');
  });

  it(`are set in one named place (${WRITER}), and it sets every one of them`, () => {
    const setters = sourceFiles(join(root, 'src'))
      .filter((file) => readFileSync(file, 'utf8').includes("'setContext'"))
      .map((file) => relative(root, file).split('\\').join('/'));
    assert.deepEqual(setters, [WRITER]);
    const writer = readFileSync(join(root, WRITER), 'utf8');
    for (const name of Object.keys(ContextKeys)) assert.match(writer, new RegExp(`ContextKeys\\.${name}\\b`), name);
  });
});
