import type { ApiContract, ContractOperation, ContractParameter } from '../../api/contract/apiContract';
import { withoutTrailingSlashes } from '../../shared/trailingSlashes';

/** An operation with its path template split once, for matching written paths quickly. */
interface IndexedOperation {
  operation: ContractOperation;
  segments: readonly string[];
}

export type PathMatch =
  /** `guessed` when a `{{variable}}` stands where the template has a literal segment (`/v1/{{what}}`). */
  | { kind: 'operation'; operation: ContractOperation; guessed: boolean }
  /** The path is the API's, but not with this method. */
  | { kind: 'otherMethod'; methods: string[] }
  | { kind: 'unknown' };

/**
 * The contract as the editor features ask it: which operation a written path is, what its query
 * parameters are, which known path or parameter is nearest to a mistyped one. Built once per contract.
 */
export class ContractIndex {
  private readonly indexed: IndexedOperation[];
  /** A file repeats its paths: each `METHOD path` is matched once (bounded, cleared when full). */
  private readonly matched = new Map<string, PathMatch>();

  constructor(readonly contract: ApiContract) {
    this.indexed = contract.operations.map((operation) => ({ operation, segments: operation.path.split('/') }));
  }

  get operations(): readonly ContractOperation[] {
    return this.contract.operations;
  }

  /**
   * The operation `method path` is. A written segment holding a `{{variable}}` matches any template
   * segment; a template's `{parameter}` matches any non-empty segment; literal segments win over
   * parameters (`/v1/leads/search` before `/v1/leads/{id}`).
   */
  match(method: string, path: string): PathMatch {
    const key = `${method} ${path}`;
    const known = this.matched.get(key);
    if (known) return known;
    if (this.matched.size >= 5_000) this.matched.clear();
    const match = this.matchOnce(method, path);
    this.matched.set(key, match);
    return match;
  }

  private matchOnce(method: string, path: string): PathMatch {
    // `/v1/leads/` is `/v1/leads`, as the send loop and the server take it.
    const written = (withoutTrailingSlashes(path) || '/').split('/');
    let best: { operation: ContractOperation; literals: number; guessed: boolean } | undefined;
    const methods: string[] = [];
    for (const { operation, segments } of this.indexed) {
      const matched = matchSegments(written, segments);
      if (matched === undefined) continue;
      if (operation.method.toUpperCase() !== method.toUpperCase()) {
        methods.push(operation.method.toUpperCase());
        continue;
      }
      if (!best || matched.literals > best.literals) best = { operation, ...matched };
    }
    if (best) return { kind: 'operation', operation: best.operation, guessed: best.guessed };
    return methods.length > 0 ? { kind: 'otherMethod', methods: [...new Set(methods)] } : { kind: 'unknown' };
  }

  /** The known path nearest to `path`, its parameters filled with what was written there; undefined when none is close. */
  nearestPath(method: string, path: string): string | undefined {
    // The distance costs length squared: a pasted blob is no typo of a known path, and must not hold the extension host.
    if (path.length > MAX_GUESSED_PATH) return undefined;
    const written = path.split('/');
    let best: { path: string; distance: number } | undefined;
    for (const { operation, segments } of this.indexed) {
      const filled = segments.map((segment, at) => (isParameter(segment) && written[at] ? written[at] : segment)).join('/');
      // Another method's path is a worse guess than this method's at the same distance.
      const distance = editDistance(path, filled) + (operation.method.toUpperCase() === method.toUpperCase() ? 0 : 0.5);
      if (!best || distance < best.distance) best = { path: filled, distance };
    }
    if (!best || best.path === path) return undefined;
    return best.distance <= Math.max(2, path.length / 3) ? best.path : undefined;
  }

  /** The query parameter of `operation` nearest to `name`; undefined when none is close. */
  nearestParameter(operation: ContractOperation, name: string): string | undefined {
    let best: { name: string; distance: number } | undefined;
    for (const parameter of queryParameters(operation)) {
      const distance = editDistance(name.toLowerCase(), parameter.name.toLowerCase());
      if (!best || distance < best.distance) best = { name: parameter.name, distance };
    }
    return best && best.distance <= Math.max(1, Math.ceil(name.length / 2)) ? best.name : undefined;
  }
}

/** Longer written paths get no "did you mean": every known path is far shorter. */
const MAX_GUESSED_PATH = 256;

export function queryParameters(operation: ContractOperation): ContractParameter[] {
  return operation.parameters.filter((parameter) => parameter.in === 'query');
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}') && !segment.startsWith('{{');
}

/** How many literal segments match and whether a variable stood for one, or undefined when the path is not this template. */
function matchSegments(written: readonly string[], template: readonly string[]): { literals: number; guessed: boolean } | undefined {
  if (written.length !== template.length) return undefined;
  let literals = 0;
  let guessed = false;
  for (let at = 0; at < template.length; at++) {
    const segment = written[at];
    if (segment.includes('{{')) {
      guessed ||= !isParameter(template[at]);
      continue;
    }
    if (isParameter(template[at])) {
      if (segment === '') return undefined;
      continue;
    }
    if (segment !== template[at]) return undefined;
    literals++;
  }
  return { literals, guessed };
}

/** Levenshtein distance; the strings are paths and names, short enough for the quadratic table. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, at) => at);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
