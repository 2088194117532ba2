// ESLint's flat config, at the top of the repository where ESLint's CLI (`npx eslint .`, `npm run lint`)
// and VS Code's ESLint extension find it, so lint errors show in the editor too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import { fileURLToPath } from 'node:url';

const BOUNDARY = 'Only src/extension.ts and src/vscode/** import vscode: core code is plain TypeScript that takes data and ports.';

// no-restricted-imports sees import declarations only; these are the other two ways in.
const boundarySyntax = [
  { selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']", message: BOUNDARY },
  { selector: "ImportExpression[source.value='vscode']", message: BOUNDARY },
];

const NOTIFY = 'Notifications are shown by notify() (src/vscode/shared/notify.ts) only: it takes a ShownText, whose outside text is defused. VS Code renders [text](command:…) in a notification as a live link.';
const SHOWN =
  "shownText takes its message as vscode.l10n.t('…') (or l10n.t('…')) alone, or a literal: outside text goes in shownText's own arguments, where it is defused.";

/**
 * Outside text reaches a notification only defused: `show…Message` is called in notify.ts alone,
 * and a ShownText's message is a fixed, translated text whose arguments shownText defuses (an
 * argument substituted by l10n.t itself would skip that).
 */
export const shownTextSyntax = [
  { selector: "CallExpression[callee.property.name=/^show(Information|Warning|Error)Message$/]", message: NOTIFY },
  {
    selector: "CallExpression[callee.name='shownText'] > :not(Literal, CallExpression[callee.property.name='t'][arguments.length=1]).arguments:first-child",
    message: SHOWN,
  },
];

/** The one boundary of the code: only the composition root and the VS Code adapters import `vscode`. */
export const vscodeBoundary = {
  files: ['src/**', 'test/**'],
  // The integration tests and the rig's driver extension run inside VS Code and talk to it.
  ignores: ['src/extension.ts', 'src/vscode/**', 'test/integration/**', 'test/rig/driver/**'],
  rules: {
    'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: BOUNDARY }] }],
    'no-restricted-syntax': ['error', ...boundarySyntax],
  },
};

/** Both rules where both apply (a later no-restricted-syntax replaces an earlier one's list). */
const coreSyntax = { files: ['src/core/**'], rules: { 'no-restricted-syntax': ['error', ...boundarySyntax, ...shownTextSyntax] } };
const adapterSyntax = { files: ['src/extension.ts', 'src/vscode/**'], ignores: ['src/vscode/shared/notify.ts'], rules: { 'no-restricted-syntax': ['error', ...shownTextSyntax] } };

const LAYERS = 'Imports run down the layers: src/vscode → core features → core/api → core/shared.';
const coreFeatures = ['auth', 'chat', 'diagnose', 'explorer', 'leads'].map((name) => `./src/core/${name}`);

/**
 * The layers, by the resolved file an import names (not the text of the import): core never reaches
 * the VS Code adapters, core/api (which features build on) reaches no feature, and core/shared (which
 * everything builds on) reaches neither a feature nor core/api. Together with no-cycle, every import
 * in src runs one way.
 */
export const layers = {
  files: ['src/**'],
  plugins: { 'import-x': importX },
  settings: {
    // Which files no-cycle follows into (it skips a file it has no parser for), and how it finds them.
    'import-x/extensions': ['.ts', '.mjs', '.js'],
    'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js'] })],
  },
  rules: {
    'import-x/no-cycle': 'error',
    'import-x/no-restricted-paths': [
      'error',
      {
        zones: [
          { target: './src/core', from: ['./src/vscode', './src/extension.ts'], message: LAYERS },
          { target: './src/core/api', from: coreFeatures, message: LAYERS },
          { target: './src/core/shared', from: [...coreFeatures, './src/core/api'], message: LAYERS },
        ],
      },
    ],
  },
};

const nodeGlobals = Object.fromEntries(
  ['URL', 'Buffer', 'console', 'process', 'setTimeout', 'clearTimeout', 'require', 'module', '__dirname'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  // Patterns are relative to the repository, wherever ESLint is started from.
  { basePath: fileURLToPath(new URL('.', import.meta.url)) },
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.vscode-test/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The sanitizers (and their tests) match control characters on purpose.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  // Tests read untyped JSON (the manifest, server answers) and plain CommonJS shims.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // CommonJS shims, and the rig's driver, which loads the suite from a path known only at run time.
  { files: ['**/*.cjs', 'test/rig/driver/**'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  vscodeBoundary,
  layers,
  coreSyntax,
  adapterSyntax,
);
