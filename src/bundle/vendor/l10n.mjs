// @vscode/l10n as the core's shown texts use it (l10n.t; l10n.config, given VS Code's bundle by the
// sign-in feature), built into dist/vendor-l10n.mjs. It exports every name the extension imports from
// the package: one missing here fails a bundle test.
export { t, config } from '@vscode/l10n';
