/**
 * Which markup in a shown text would still be live. Two readers matter: a VS Code notification,
 * which turns `[text](target)` into a link with this very pattern (vs/base/common/linkedText.ts),
 * and a markdown view (the Diagnose report), where a backslash escapes the next character.
 */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** Markdown's live forms once escaped characters are set aside: links and images, autolinks and HTML tags, code spans. */
const MARKDOWN_LIVE = /\]\(|\]\[|!\[|<[A-Za-z/!?]|`/g;

export function liveMarkup(shown: string): string[] {
  const inNotification = [...shown.matchAll(NOTIFICATION_LINK)].map((m) => `notification link ${m[0]}`);
  const unescaped = shown.replace(/\\[\s\S]/g, '_');
  const inMarkdown = [...unescaped.matchAll(MARKDOWN_LIVE)].map((m) => `markdown ${m[0]} at ${m.index}`);
  return [...inNotification, ...inMarkdown];
}

/** The injections every entry point is fed. */
export const INJECTIONS = [
  '[x](command:foo?%5B%5D)',
  '![x](https://host/beacon.png)',
  '<img src=x>',
  '`code` and <https://host/autolink>',
  '[[nested](command:workbench.action.quickOpen)](https://host)',
  '\\[pre-escaped\\](command:foo)',
  '[Sign in](command:workbench.action.quickOpen "title")',
];
