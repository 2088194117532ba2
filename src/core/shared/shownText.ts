import { BoomTownError } from './errors';
import { safeMessage } from './plainText';

/** Held by this module only: nothing else can make a ShownText. */
const MADE_HERE: unique symbol = Symbol('ShownText');

/**
 * A message ready for a notification: our own (translated) text with every piece from outside
 * defused by `safeMessage`. The vscode layer's notifications take only this type, and only this
 * module can make one, so outside text cannot reach a notification undefused. A lint rule keeps
 * `show…Message` calls inside the one module that takes it (src/vscode/shared/notify.ts).
 */
export class ShownText {
  constructor(
    token: typeof MADE_HERE,
    readonly text: string,
  ) {
    if (token !== MADE_HERE) throw new TypeError('ShownText is made by shownText() only.');
  }
}

/** An error's own message may explain at length (timeouts, proxies); outside pieces in it are shorter. */
const ERROR_MESSAGE_MAX = 600;

const PLACEHOLDER = /\{(\d+)\}/g;

/**
 * `message` (already translated, its {0}-style placeholders intact) with the arguments put in:
 * strings are outside text and are defused; a ShownText is already safe and goes in as it is. One
 * pass, so an argument holding `{0}` is never substituted again.
 */
export function shownText(message: string, ...args: Array<string | number | ShownText>): ShownText {
  const text = message.replace(PLACEHOLDER, (placeholder, index: string) => {
    const arg = args[Number(index)];
    if (arg === undefined) return placeholder;
    if (arg instanceof ShownText) return arg.text;
    return typeof arg === 'number' ? String(arg) : safeMessage(arg);
  });
  return new ShownText(MADE_HERE, text);
}

/**
 * What an error says to the user, without the failure table's framing: its template (translated
 * where the error was made) with its arguments defused, or (an error made without a template) its
 * whole message defused.
 */
export function errorDetail(error: BoomTownError): ShownText {
  // eslint-disable-next-line no-restricted-syntax -- an error's template is our own message, l10n.t('…') where the error is made.
  if (error.template) return shownText(error.template.text, ...error.template.args);
  // Our own English around outside pieces: the whole text is defused, with room for a long explanation.
  return new ShownText(MADE_HERE, safeMessage(error.message, ERROR_MESSAGE_MAX));
}
