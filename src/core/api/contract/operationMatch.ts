/**
 * Which operation of a contract a concrete request path is: '/v1/leads/L-10001/notes' is
 * 'GET /v1/leads/{id}/notes'. A literal segment beats a template segment, so '/v1/leads/search'
 * would be its own operation when a document has it, and '/v1/leads/{id}' otherwise.
 */
import type { ContractOperation } from './apiContract';

export interface OperationMatch {
  operation: ContractOperation;
  /** Template names to the segments they matched, e.g. { id: 'L-10001' } (still percent-encoded). */
  pathParams: Record<string, string>;
}

/** `path` without scheme and host; a query or fragment is ignored. `method` in any case. */
export function matchOperation(operations: readonly ContractOperation[], method: string, path: string): OperationMatch | undefined {
  const segments = splitPath(path.replace(/[?#].*$/s, ''));
  let best: { match: OperationMatch; literals: number } | undefined;
  for (const operation of operations) {
    if (operation.method !== method.toUpperCase()) continue;
    const matched = matchTemplate(operation.path, segments);
    if (matched && (!best || matched.literals > best.literals)) best = { match: { operation, pathParams: matched.pathParams }, literals: matched.literals };
  }
  return best?.match;
}

/** Every operation whose path template matches `path`, whatever its method (to tell "wrong method" from "no such path"). */
export function operationsAtPath(operations: readonly ContractOperation[], path: string): ContractOperation[] {
  const segments = splitPath(path.replace(/[?#].*$/s, ''));
  return operations.filter((operation) => matchTemplate(operation.path, segments) !== undefined);
}

function splitPath(path: string): string[] {
  // A trailing slash is the same resource for every server this extension has met.
  return path.replace(/\/+$/, '').split('/').slice(1);
}

function matchTemplate(template: string, segments: readonly string[]): { pathParams: Record<string, string>; literals: number } | undefined {
  const parts = splitPath(template);
  if (parts.length !== segments.length) return undefined;
  const pathParams: Record<string, string> = {};
  let literals = 0;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const segment = segments[index];
    if (!part.includes('{')) {
      if (part !== segment) return undefined;
      literals++;
      continue;
    }
    const names: string[] = [];
    // '{id}' or 'files{id}.json': each {name} is one or more characters of the segment.
    const pattern = part.replace(/[.*+?^$()|[\]\\]|\{([^}]*)\}/g, (text, name: string | undefined) => {
      if (name === undefined) return `\\${text}`;
      names.push(name);
      return '(.+?)';
    });
    const found = new RegExp(`^${pattern}$`, 's').exec(segment);
    if (!found || segment === '') return undefined;
    names.forEach((name, position) => (pathParams[name] = found[position + 1]));
  }
  return { pathParams, literals };
}
