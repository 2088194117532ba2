import { userFacingError } from '../../shared/errors';
import type { FileVariable } from './requestFileTypes';
import { l10n } from '../../shared/localize';

/** `{{name}}`, `{{ name }}`: REST Client's reference syntax. */
const REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** Variables may refer to each other; deeper than this is a cycle or a mistake. */
const MAX_DEPTH = 10;

export type Variables = ReadonlyMap<string, Pick<FileVariable, 'value'>>;

/**
 * Replaces every `{{name}}` by its value: file variables first, then the built-ins (such as
 * `boomtown.apiUrl`). An unknown name or a cycle is a 'badInput' error naming it, so nothing is
 * sent with a half-resolved URL.
 */
export function resolveVariables(text: string, variables: Variables, builtIns: Readonly<Record<string, string>>, depth = 0): string {
  if (!text.includes('{{')) return text;
  return text.replace(REFERENCE, (_match, name: string) => {
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
