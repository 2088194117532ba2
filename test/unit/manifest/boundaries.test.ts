import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|cjs|mjs|js)$/.test(name) ? [path] : [];
  });
}

/** The boundary violations ESLint (with the project's own config) reports for `code` placed at `file`. */
async function boundaryErrors(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => `${file}:${m.line}`);
}

/** The layer and cycle errors ESLint reports for `code` placed at `file`; its imports resolve against the real src tree. */
async function layerErrors(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId?.startsWith('import-x/')).map((m) => `${m.ruleId}@${m.line}`);
}

// Which files import vscode is `npm run lint`'s job (no-restricted-imports); these tests prove the rule would catch one.
describe('architecture boundaries', () => {
  let eslint: ESLint;
  // No config file named: ESLint finds the root eslint.config.mjs itself, as `npx eslint .` and the editor do.
  before(() => (eslint = new ESLint({ cwd: root })));

  const everyWayIn = [`import * as vscode from 'vscode';`, `import type { Uri } from "vscode";`, `const v = require('vscode');`, `void import('vscode');`];

  it('the lint refuses every form of vscode import in core code', async () => {
    for (const line of everyWayIn) {
      assert.deepEqual(await boundaryErrors(eslint, 'src/core/leads/example.ts', `${line}\nexport const x = 1;\n`), ['src/core/leads/example.ts:1'], line);
    }
    assert.deepEqual(await boundaryErrors(eslint, 'src/core/leads/example.ts', `import { x } from './vscode/adapter';\nexport const y = x;\n`), []);
  });

  it('the lint lets src/extension.ts and src/vscode/** import vscode', async () => {
    for (const file of ['src/extension.ts', 'src/vscode/leads/example.ts']) {
      assert.deepEqual(await boundaryErrors(eslint, file, `import * as vscode from 'vscode';\nexport const x = vscode;\n`), [], file);
    }
  });

  it('the lint keeps unit tests on plain Node, without vscode', async () => {
    assert.deepEqual(await boundaryErrors(eslint, 'test/unit/leads/example.test.ts', `import * as vscode from 'vscode';\nexport const x = vscode;\n`), [
      'test/unit/leads/example.test.ts:1',
    ]);
  });

  it('the lint refuses an import that runs up the layers', async () => {
    const upward: [string, string][] = [
      ['src/core/shared/example.ts', `import { prettyJson } from '../explorer/prettyJson';`],
      ['src/core/shared/example.ts', `import { validateRawPath } from '../api/rawPath';`],
      ['src/core/shared/transport/example.ts', `import type { Lead } from '../../api/apiTypes';`],
      ['src/core/api/example.ts', `import { prettyJson } from '../explorer/prettyJson';`],
      ['src/core/api/example.ts', `import { challengeS256 } from '../auth/pkce';`],
      ['src/core/leads/example.ts', `import { notify } from '../../vscode/shared/notify';`],
    ];
    for (const [file, line] of upward) {
      assert.deepEqual(await layerErrors(eslint, file, `${line}\nexport const x = 1;\n`), ['import-x/no-restricted-paths@1'], `${file}: ${line}`);
    }
    // The same imports the other way round are the layers as meant.
    const downward: [string, string][] = [
      ['src/core/explorer/example.ts', `import { validateRawPath } from '../api/rawPath';`],
      ['src/core/api/example.ts', `import { Redactor } from '../shared/redact';`],
      ['src/vscode/leads/example.ts', `import { prettyJson } from '../../core/explorer/prettyJson';`],
    ];
    for (const [file, line] of downward) {
      assert.deepEqual(await layerErrors(eslint, file, `${line}\nexport const x = 1;\n`), [], `${file}: ${line}`);
    }
  });

  it('the lint refuses an import cycle', async () => {
    // httpRequest.ts imports errors.ts, so errors.ts importing httpRequest.ts closes a circle.
    const closing = `import { send } from './transport/httpRequest';\nexport const x = send;\n`;
    assert.deepEqual(await layerErrors(eslint, 'src/core/shared/errors.ts', closing), ['import-x/no-cycle@1']);
    assert.deepEqual(await layerErrors(eslint, 'src/core/shared/unrelated.ts', closing), []);
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
