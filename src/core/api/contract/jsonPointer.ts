/** JSON pointers (RFC 6901) into a parsed OpenAPI document, and its local `$ref`s. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** '/paths/~1v1~1leads/get' from ['paths', '/v1/leads', 'get']. */
export function pointerOf(...segments: Array<string | number>): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The value at a pointer, or undefined when a step is missing. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let value = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) value = /^\d+$/.test(segment) ? value[Number(segment)] : undefined;
    else if (isObject(value)) value = Object.hasOwn(value, segment) ? value[segment] : undefined;
    else return undefined;
  }
  return value;
}

export type Resolved = { ok: true; value: unknown; name?: string } | { ok: false; problem: string };

/** Enough for any sensible chain of references (a parameter referring to a parameter…), short of a loop. */
const MAX_REF_HOPS = 32;

/**
 * Follows `$ref`s within the document ('#/components/...'). A reference to another file or URL is
 * a problem: reading a description never fetches anything. `name` is the last segment of the last
 * reference ('Lead' for '#/components/schemas/Lead'), for readable answer shapes.
 */
export function resolveRef(root: unknown, value: unknown): Resolved {
  let current = value;
  let name: string | undefined;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    if (!isObject(current) || !('$ref' in current)) return { ok: true, value: current, ...(name !== undefined ? { name } : {}) };
    const ref = current.$ref;
    if (typeof ref !== 'string') return { ok: false, problem: '$ref must be a string' };
    if (!ref.startsWith('#')) return { ok: false, problem: `$ref "${ref}" points outside the document; only local references (#/components/...) are read` };
    let pointer: string;
    try {
      pointer = decodeURIComponent(ref.slice(1));
    } catch {
      return { ok: false, problem: `$ref "${ref}" is not a valid URI fragment` };
    }
    if (pointer !== '' && !pointer.startsWith('/')) return { ok: false, problem: `$ref "${ref}" is not a JSON pointer` };
    const target = valueAt(root, pointer);
    if (target === undefined) return { ok: false, problem: `$ref "${ref}" points to nothing` };
    name = pointer.split('/').pop()?.replace(/~1/g, '/').replace(/~0/g, '~');
    current = target;
  }
  return { ok: false, problem: `$ref chain longer than ${MAX_REF_HOPS} (a loop?)` };
}
