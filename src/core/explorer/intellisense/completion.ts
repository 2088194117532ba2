import * as l10n from '@vscode/l10n';
import { withoutTrailingSlashes } from '../../shared/trailingSlashes';
import { API_URL_VARIABLE } from '../requestFile/requestBuilder';
import { requestAtLine } from '../requestFile/requestFileParser';
import { queryParameters, type ContractIndex } from './contractIndex';
import { operationMarkdown, parameterMarkdown } from './describe';
import { isApiTarget, requestTarget, touches, type RequestDocument, type Span } from './requestTarget';

export type CompletionKind = 'path' | 'parameter' | 'value' | 'variable';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** What the completion replaces (on the cursor's line). */
  range: Span;
  /** Keeps the contract's order in the list. */
  sortText: string;
}

const REFERENCE_BEFORE_CURSOR = /\{\{\s*([\w.-]*)$/;

/**
 * What to offer at (line, character): `{{` anywhere offers the file's variables and
 * `{{boomtown.apiUrl}}`; on a BoomTown request, the path after the method offers the contract's
 * paths, `?` or `&` the operation's query parameters, `=` the parameter's enum values.
 */
export function completionsAt(document: RequestDocument, at: { line: number; character: number }, index: ContractIndex, apiUrl: string): Completion[] {
  const text = document.lines[at.line] ?? '';
  const reference = REFERENCE_BEFORE_CURSOR.exec(text.slice(0, at.character));
  if (reference) return variableCompletions(document, at, text, reference[1], apiUrl);
  const block = requestAtLine(document.file, at.line);
  if (!block) return [];
  const target = requestTarget(document, block, apiUrl);
  if (!target) return [];
  if (touches(at, target.path)) {
    // Only while what is written could still become an API path (`/`, `/v`, `/v1/le`…), or anywhere under the API's URL.
    if (!target.underApiUrl && !'/v1/'.startsWith(target.path.text.slice(0, 4))) return [];
    return pathCompletions(index, target.method, target.path);
  }
  if (!isApiTarget(target)) return [];
  const match = index.match(target.method, target.path.text);
  if (match.kind !== 'operation') return [];
  const parameters = queryParameters(match.operation);
  for (const part of target.query) {
    if (touches(at, part.name) && at.character >= part.name.start) {
      const written = new Set(target.query.filter((other) => other !== part).map((other) => other.name.text));
      return parameters
        .filter((parameter) => !written.has(parameter.name))
        .map((parameter, order) => ({
          label: parameter.name,
          kind: 'parameter' as const,
          detail: parameter.type,
          documentation: parameterMarkdown(parameter),
          insertText: part.value ? parameter.name : `${parameter.name}=`,
          range: part.name,
          sortText: sortKey(order),
        }));
    }
    if (part.value && touches(at, part.value)) {
      const parameter = parameters.find((known) => known.name === part.name.text);
      return (parameter?.enum ?? []).map((value, order) => ({
        label: value,
        kind: 'value' as const,
        detail: parameter?.name,
        insertText: value,
        range: part.value as Span,
        sortText: sortKey(order),
      }));
    }
  }
  return [];
}

function pathCompletions(index: ContractIndex, method: string, path: Span): Completion[] {
  const seen = new Set<string>();
  const completions: Completion[] = [];
  for (const operation of index.operations) {
    if (operation.method.toUpperCase() !== method.toUpperCase() || seen.has(operation.path)) continue;
    seen.add(operation.path);
    completions.push({
      label: operation.path,
      kind: 'path',
      detail: operation.summary,
      documentation: operationMarkdown(operation),
      // Path parameters become variables the file can define: `/v1/leads/{{id}}`.
      insertText: operation.path.replace(/\{([^{}/]+)\}/g, '{{$1}}'),
      range: path,
      sortText: sortKey(completions.length),
    });
  }
  return completions;
}

function variableCompletions(document: RequestDocument, at: { line: number; character: number }, text: string, typed: string, apiUrl: string): Completion[] {
  const start = at.character - typed.length;
  let end = at.character;
  while (end < text.length && /[\w.-]/.test(text[end])) end++;
  const closed = text.startsWith('}}', end) || text.slice(end).trimStart().startsWith('}}');
  const range: Span = { line: at.line, start, end, text: text.slice(start, end) };
  const known = [...document.file.variables.values()].map((variable) => ({ name: variable.name, detail: variable.value }));
  known.push({ name: API_URL_VARIABLE, detail: withoutTrailingSlashes(apiUrl) });
  return known.map((variable, order) => ({
    label: variable.name,
    kind: 'variable' as const,
    detail: variable.detail,
    documentation: variable.name === API_URL_VARIABLE ? l10n.t('The API URL of the `boomtown.apiUrl` setting.') : undefined,
    insertText: closed ? variable.name : `${variable.name}}}`,
    range,
    sortText: sortKey(order),
  }));
}

function sortKey(order: number): string {
  return String(order).padStart(4, '0');
}
