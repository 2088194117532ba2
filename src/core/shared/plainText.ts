/**
 * Text that came from the public (lead names, notes, server error messages) made safe to show as
 * plain text: no control characters, no bidi overrides that reorder what the user reads, one line
 * where one line is expected, and a bounded length cut on a character boundary.
 */

export const LABEL_MAX = 80;
export const DESCRIPTION_MAX = 120;
export const TOOLTIP_MAX = 500;
export const MESSAGE_MAX = 200;

const ELLIPSIS = '…';

// C0 and C1 controls (tab/newlines included: single-line text turns them into spaces first).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides, isolates and marks ("Trojan Source"), zero-width spaces and the BOM.
// U+200D (zero-width joiner) stays: emoji sequences need it.
const INVISIBLE_FORMATTING = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LINE_BREAKS = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g;
// A surrogate half without its partner cannot be rendered; it becomes U+FFFD.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any value to a single line of harmless text, at most `maxLength` UTF-16 units long. */
export function singleLine(value: unknown, maxLength: number = LABEL_MAX): string {
  const text = toText(value);
  const cleaned = text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\s/g, ' ')
    .replace(CONTROL, '')
    .replace(INVISIBLE_FORMATTING, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return shorten(cleaned, maxLength);
}

/** Several lines (a tooltip): each line cleaned like `singleLine`, empty lines dropped, the whole bounded. */
export function multiLine(lines: unknown[], maxLength: number = TOOLTIP_MAX): string {
  const cleaned = lines
    .flatMap((line) => toText(line).split(LINE_BREAKS))
    .map((line) => singleLine(line, Number.MAX_SAFE_INTEGER))
    .filter((line) => line !== '');
  return shorten(cleaned.join('\n'), maxLength);
}

/**
 * The one way text from outside (a file, a setting, a server, an account label) reaches a
 * notification, a quick pick, the status bar or the Diagnose report: cleaned like `singleLine`,
 * then every character markdown or VS Code could read as markup escaped with a backslash. VS Code
 * renders `[text](command:id?args)` in notifications as a live link and `$(icon)` in labels as an
 * icon; markdown renders links, images, autolinks and HTML. With `[ ] ( ) ! < >`, backticks and the
 * backslash itself escaped, none of these can form, and the text stays readable (a markdown view
 * shows it exactly as written; a notification shows the backslashes). Apply it once, where the text
 * is shown: a second pass would escape the first pass's backslashes.
 */
export function safeMessage(value: unknown, maxLength: number = MESSAGE_MAX): string {
  // Cut before escaping, so an ellipsis never separates a backslash from what it escapes.
  return singleLine(value, maxLength).replace(MARKUP, '\\$&');
}

const MARKUP = /[\\[\]()!<>`]/g;

/** Cuts to at most `maxLength` UTF-16 units, ending in an ellipsis, never inside a character or emoji sequence. */
function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 0) return '';
  const budget = maxLength - ELLIPSIS.length;
  let kept = '';
  for (const { segment } of graphemes(text)) {
    if (kept.length + segment.length > budget) break;
    kept += segment;
  }
  return kept.trimEnd() + ELLIPSIS;
}

function graphemes(text: string): Iterable<{ segment: string }> {
  return new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}
