import * as l10n from '@vscode/l10n';
import type { ContractParameter } from '../../api/contract/apiContract';
import { tryResolveVariables } from '../requestFile/variables';
import { API_URL_VARIABLE } from '../requestFile/requestBuilder';
import { queryParameters, type ContractIndex } from './contractIndex';
import { isApiTarget, requestTarget, type RequestDocument, type Span } from './requestTarget';

export type ProblemCode = 'unknownPath' | 'otherMethod' | 'unknownParameter' | 'notInEnum' | 'outOfRange';

/** A warning on a request the contract does not describe; `replacement` is the quick fix's text for `span`. */
export interface RequestProblem {
  code: ProblemCode;
  message: string;
  span: Span;
  replacement?: string;
}

/**
 * What the contract says is wrong with the file's BoomTown requests: a path it does not have (or not
 * with this method), a query parameter the operation does not take, a value outside the enum or
 * the minimum/maximum. Requests to other hosts, and valid ones, get nothing.
 */
export function requestProblems(document: RequestDocument, index: ContractIndex, apiUrl: string): RequestProblem[] {
  const problems: RequestProblem[] = [];
  // Values repeat across a file (`limit={{limit}}` on every request): each is resolved once.
  const resolved = new Map<string, string | undefined>();
  const resolve = (text: string) => {
    if (!text.includes('{{')) return text;
    if (!resolved.has(text)) resolved.set(text, tryResolveVariables(text, document.file.variables, { [API_URL_VARIABLE]: apiUrl }));
    return resolved.get(text);
  };
  const prefixes = new Map<string, boolean>();
  for (const block of document.file.requests) {
    const target = requestTarget(document, block, apiUrl, prefixes);
    if (!target || !isApiTarget(target)) continue;
    const match = index.match(target.method, target.path.text);
    if (match.kind === 'unknown') {
      const replacement = index.nearestPath(target.method, target.path.text);
      problems.push({
        code: 'unknownPath',
        message: replacement
          ? l10n.t('The BoomTown API has no path {0}. Did you mean {1}?', target.path.text, replacement)
          : l10n.t('The BoomTown API has no path {0}.', target.path.text),
        span: target.path,
        replacement,
      });
      continue;
    }
    if (match.kind === 'otherMethod') {
      problems.push({ code: 'otherMethod', message: l10n.t('The BoomTown API takes {0} on {1}, not {2}.', match.methods.join(', '), target.path.text, target.method), span: target.path });
      continue;
    }
    // `/v1/{{what}}` could be any of several operations: their parameters cannot be judged.
    if (match.guessed) continue;
    const parameters = queryParameters(match.operation);
    for (const part of target.query) {
      if (part.name.text === '' || part.name.text.includes('{{')) continue;
      const parameter = parameters.find((known) => known.name === part.name.text);
      if (!parameter) {
        const replacement = index.nearestParameter(match.operation, part.name.text);
        problems.push({
          code: 'unknownParameter',
          message: replacement
            ? l10n.t('{0} {1} takes no parameter "{2}". Did you mean "{3}"?', match.operation.method.toUpperCase(), match.operation.path, part.name.text, replacement)
            : l10n.t('{0} {1} takes no parameter "{2}"; it takes {3}.', match.operation.method.toUpperCase(), match.operation.path, part.name.text, parameters.map((known) => known.name).join(', ') || '-'),
          span: part.name,
          replacement,
        });
        continue;
      }
      if (!part.value || part.value.text === '') continue;
      const value = resolve(part.value.text);
      // Unresolvable or empty after resolving: nothing the contract can judge.
      if (value === undefined || value === '') continue;
      const problem = valueProblem(parameter, safeDecode(value));
      if (problem) problems.push({ ...problem, span: part.value });
    }
  }
  return problems;
}

function valueProblem(parameter: ContractParameter, value: string): Omit<RequestProblem, 'span'> | undefined {
  if (parameter.enum && parameter.enum.length > 0 && !parameter.enum.includes(value)) {
    return { code: 'notInEnum', message: l10n.t('"{0}" is not a value of {1}; it takes {2}.', value, parameter.name, parameter.enum.join(', ')) };
  }
  const number = Number(value);
  if ((parameter.type === 'integer' || parameter.type === 'number') && value.trim() !== '' && Number.isFinite(number)) {
    if (parameter.maximum !== undefined && number > parameter.maximum) {
      return { code: 'outOfRange', message: l10n.t('{0} is at most {1}; {2} is above it.', parameter.name, parameter.maximum, value) };
    }
    if (parameter.minimum !== undefined && number < parameter.minimum) {
      return { code: 'outOfRange', message: l10n.t('{0} is at least {1}; {2} is below it.', parameter.name, parameter.minimum, value) };
    }
  }
  return undefined;
}

function safeDecode(value: string): string {
  if (!value.includes('%') && !value.includes('+')) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
