import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|cjs|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe('architecture boundaries', () => {
  it('only src/extension.ts and src/vscode/** import vscode', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => file !== 'src/extension.ts' && !file.startsWith('src/vscode/'))
      .filter((file) => IMPORTS_VSCODE.test(readFileSync(join(root, file), 'utf8')));
    assert.deepEqual(offenders, [], `these files must not import vscode: ${offenders.join(', ')}`);
  });

  it('the check would catch an import of vscode', () => {
    // Guards the regular expression itself: each form of import must be recognised.
    for (const line of [`import * as vscode from 'vscode';`, `import type { Uri } from "vscode";`, `const v = require('vscode');`, `await import('vscode')`]) {
      assert.ok(IMPORTS_VSCODE.test(line), line);
    }
    assert.ok(!IMPORTS_VSCODE.test(`import { x } from './vscode/adapter';`));
  });

  it('unit tests run under plain Node, without vscode', () => {
    const offenders = sourceFiles(join(root, 'test', 'unit')).filter((file) => IMPORTS_VSCODE.test(readFileSync(file, 'utf8')));
    // This file names the module in its patterns but never imports it.
    assert.deepEqual(offenders.filter((f) => !f.endsWith('boundaries.test.ts')), []);
  });

  it('src/core is not reached from a module-level singleton', () => {
    // Core modules export classes and functions; instances are made in activate(). A `new X(` at
    // the top level of a core module would be a singleton made at import time. Constant lookup
    // tables (Set, Map, RegExp) are data, not services, and are allowed.
    const offenders = sourceFiles(join(root, 'src', 'core')).filter((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .some((line) => /^(export\s+)?(const|let|var)\s+\w+\s*(:[^=]+)?=\s*new\s+(?!(Set|Map|RegExp)\b)/.test(line)),
    );
    assert.deepEqual(offenders.map((f) => relative(root, f)), []);
  });
});
