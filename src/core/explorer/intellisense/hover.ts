import type { ContractIndex } from './contractIndex';
import { queryParameters } from './contractIndex';
import { operationMarkdown, parameterMarkdown } from './describe';
import { isApiTarget, requestTarget, touches, type RequestDocument, type Span } from './requestTarget';
import { requestAtLine } from '../requestFile/requestFileParser';

export interface Hover {
  markdown: string;
  span: Span;
}

/** The hover at (line, character): the operation on its path, a parameter on its name or value. */
export function hoverAt(document: RequestDocument, at: { line: number; character: number }, index: ContractIndex, apiUrl: string): Hover | undefined {
  const block = requestAtLine(document.file, at.line);
  if (!block) return undefined;
  const target = requestTarget(document, block, apiUrl);
  if (!target || !isApiTarget(target)) return undefined;
  const match = index.match(target.method, target.path.text);
  if (match.kind !== 'operation') return undefined;
  if (touches(at, target.path)) return { markdown: operationMarkdown(match.operation), span: target.path };
  for (const part of target.query) {
    const parameter = queryParameters(match.operation).find((known) => known.name === part.name.text);
    if (!parameter) continue;
    if (touches(at, part.name)) return { markdown: parameterMarkdown(parameter), span: part.name };
    if (part.value && touches(at, part.value)) return { markdown: parameterMarkdown(parameter), span: part.value };
  }
  return undefined;
}
