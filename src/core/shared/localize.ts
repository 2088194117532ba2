/**
 * How core code turns an English message into the user's language without importing 'vscode':
 * the extension passes in vscode.l10n.t; tests and defaults use `english`.
 *
 * Messages are fixed English source strings with `{0}`, `{1}`… placeholders. Anything that came
 * from outside (lead data, server text) goes in as an argument, never into the message, so braces
 * typed by a user are shown literally instead of being read as placeholders.
 */
export type Localize = (message: string, ...args: Array<string | number>) => string;

const PLACEHOLDER = /\{(\d+)\}/g;

/**
 * The message in English with `{n}` replaced by the n-th argument, like vscode.l10n.t: one pass (an
 * argument containing `{0}` is not substituted again), and a placeholder without an argument stays as written.
 */
export const english: Localize = (message, ...args) =>
  message.replace(PLACEHOLDER, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });

/**
 * Marks an English source message for @vscode/l10n-dev, whose scanner finds only calls shaped
 * `l10n.t('…')` (it cannot see a string handed to an injected function). Core code writes every
 * user-facing message as `l10n.t('…')`: the call returns the message unchanged, and it is translated
 * where it is used, by the injected Localize or, for an error's template, by the error boundary
 * (both vscode.l10n.t, which looks the same English message up in l10n/bundle.l10n.json).
 * `npm run l10n:check` refuses a message literal handed to a localizer without this mark.
 */
export const l10n = {
  t: <Message extends string>(message: Message): Message => message,
};
