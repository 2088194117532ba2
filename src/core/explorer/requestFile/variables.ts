import * as l10n from '@vscode/l10n';
import { userFacingError } from '../../shared/errors';
import type { FileVariable } from './requestFileTypes';

/**
 * `{{name}}`, `{{ name }}`: REST Client's reference syntax, braces-free inside. Found by scanning,
 * not by a lazy `\{\{\s*([^{}]*?)\s*\}\}`, which backtracks quadratically over a long run of
 * spaces after an unclosed `{{` (the text is a repository's).
 */
function replaceReferences(text: string, replace: (name: string) => string): string {
  let out = '';
  let copied = 0;
  let open = text.indexOf('{{');
  while (open !== -1) {
    let end = open + 2;
    while (end < text.length && text[end] !== '{' && text[end] !== '}') end++;
    if (text.startsWith('}}', end)) {
      out += text.slice(copied, open) + replace(text.slice(open + 2, end).trim());
      copied = end + 2;
      open = text.indexOf('{{', copied);
    } else {
      // No reference starts at `open`; the next one starts at a later brace (`{{{a}}` reads as `{` + `{{a}}`).
      open = text.indexOf('{{', open + 1);
    }
  }
  return out + text.slice(copied);
}
/** Variables may refer to each other; deeper than this is a cycle or a mistake. */
const MAX_DEPTH = 10;

type Variables = ReadonlyMap<string, Pick<FileVariable, 'value'>>;

/**
 * Replaces every `{{name}}` by its value: file variables first, then the built-ins (such as
 * `boomtown.apiUrl`). An unknown name or a cycle is a 'badInput' error naming it, so nothing is
 * sent with a half-resolved URL.
 */
export function resolveVariables(text: string, variables: Variables, builtIns: Readonly<Record<string, string>>, depth = 0): string {
  if (!text.includes('{{')) return text;
  return replaceReferences(text, (name) => {
    const variable = variables.get(name);
    if (variable !== undefined) {
      if (depth >= MAX_DEPTH) throw userFacingError('badInput', l10n.t('The variable {{{0}}} refers to itself (directly or through others).'), [name]);
      return resolveVariables(variable.value, variables, builtIns, depth + 1);
    }
    if (Object.prototype.hasOwnProperty.call(builtIns, name)) return builtIns[name];
    throw userFacingError('badInput', l10n.t('The request uses {{{0}}}, which is not defined in this file. Define it with a line such as "@{0} = value".'), [name]);
  });
}

/** Whether the text can be resolved (used to decide a lens without throwing). */
export function tryResolveVariables(text: string, variables: Variables, builtIns: Readonly<Record<string, string>>): string | undefined {
  try {
    return resolveVariables(text, variables, builtIns);
  } catch {
    return undefined;
  }
}
