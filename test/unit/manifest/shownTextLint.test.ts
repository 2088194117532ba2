import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..', '..');

/** The no-restricted-syntax findings ESLint (the project's own config, found at the root as the CLI finds it) reports for `code` placed at `file`. */
async function findings(eslint: ESLint, file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
}

const header = `import * as vscode from 'vscode';\nimport { shownText } from '../../core/shared/shownText';\nimport { notify } from '../shared/notify';\ndeclare const label: string;\n`;

// `npm run lint` checks the real call sites; these prove the rule would catch a bad one.
describe('lint: outside text reaches notifications only through shownText', () => {
  let eslint: ESLint;
  before(() => (eslint = new ESLint({ cwd: root })));

  it('refuses show…Message anywhere but notify.ts', async () => {
    for (const call of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage']) {
      const code = `${header}void vscode.window.${call}(vscode.l10n.t('Signed in as {0}.', label));\n`;
      assert.deepEqual(await findings(eslint, 'src/vscode/auth/example.ts', code), [5], call);
      assert.deepEqual(await findings(eslint, 'src/extension.ts', code), [5], call);
      assert.deepEqual(await findings(eslint, 'src/core/auth/example.ts', code.replace(/^import \* as vscode.*\n/, 'declare const vscode: any;\n')), [5], call);
    }
    assert.deepEqual(await findings(eslint, 'src/vscode/shared/notify.ts', `${header}void vscode.window.showErrorMessage(label);\n`), []);
  });

  it('refuses a shownText whose message already holds outside text', async () => {
    const bad = [
      `shownText(vscode.l10n.t('Signed in as {0}.', label))`,
      `shownText(label)`,
      `shownText(\`Signed in as \${label}\`)`,
      `shownText('Signed in as ' + label)`,
    ];
    for (const expression of bad) {
      assert.deepEqual(await findings(eslint, 'src/vscode/auth/example.ts', `${header}void notify('info', ${expression});\n`), [5], expression);
    }
  });

  it('accepts the message alone, the outside text in the arguments', async () => {
    const good = `${header}void notify('info', shownText(vscode.l10n.t('Signed in as {0}.'), label));\nvoid notify('info', shownText(''));\n`;
    assert.deepEqual(await findings(eslint, 'src/vscode/auth/example.ts', good), []);
  });
});
