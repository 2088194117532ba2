/**
 * A short, readable shape of an answer's JSON schema for hovers and the Endpoints view:
 *
 *   { data: Lead[], _metadata: PageMetadata }
 *   Lead: { id, firstName?, lastName?, emails?: Email[], … }
 *   PageMetadata: { offset, limit, total? }
 *
 * The first line is the body; each named schema it mentions gets one line (one level deep, so a
 * large document still gives a few lines). Optional properties end in '?'. It is a reading aid, not
 * a validator: allOf/oneOf/anyOf show their first object-like member.
 */
import { isObject, resolveRef, type JsonObject } from './jsonPointer';

const MAX_PROPERTIES = 24;
const MAX_INLINE_DEPTH = 2;

export function answerShape(root: unknown, schema: unknown): string {
  const named = new Map<string, unknown>();
  const body = shapeOf(root, schema, 0, named, true);
  const lines = [body];
  for (const [name, target] of named) {
    if (lines.length > 6) break;
    lines.push(`${name}: ${shapeOf(root, target, 1, new Map(), false)}`);
  }
  return lines.join('\n');
}

/** How many schemas one shape may visit: far more than any real answer needs, few enough for a self-referencing one. */
const MAX_STEPS = 200;
/** How deep one shape may nest (arrays of arrays of a self-referencing schema). */
const MAX_DEPTH = 10;

/** `collect` gathers the named schemas the body mentions; the named lines themselves collect nothing. */
function shapeOf(root: unknown, schema: unknown, depth: number, named: Map<string, unknown>, collect: boolean, steps = { left: MAX_STEPS }): string {
  // A schema may name itself (a tree of items, `allOf: [{ $ref: itself }]`): valid OpenAPI, so the walk is bounded, not refused.
  if (--steps.left < 0 || depth > MAX_DEPTH) return '…';
  const resolved = resolveRef(root, schema);
  if (!resolved.ok) return 'unknown';
  const target = pickMember(root, resolved.value);
  if (target !== resolved.value) return shapeOf(root, target, depth, named, collect, steps);
  if (resolved.name !== undefined && depth > 0) {
    if (collect && isObject(target) && isObjectSchema(target) && !named.has(resolved.name)) named.set(resolved.name, target);
    if (isObjectSchema(target)) return resolved.name;
  }
  if (!isObject(target)) return 'unknown';
  if (isArraySchema(target)) return `${shapeOf(root, target.items, depth + 1, named, collect, steps)}[]`;
  if (!isObjectSchema(target)) return scalarName(target);
  const properties = isObject(target.properties) ? Object.entries(target.properties) : [];
  if (!properties.length) return 'object';
  if (depth > MAX_INLINE_DEPTH) return '{ … }';
  const required = new Set(Array.isArray(target.required) ? target.required.filter((name): name is string => typeof name === 'string') : []);
  const fields = properties.slice(0, MAX_PROPERTIES).map(([name, property]) => {
    const mark = required.has(name) ? '' : '?';
    const inner = shapeOf(root, property, depth + 1, named, collect, steps);
    return isScalar(inner) ? `${name}${mark}` : `${name}${mark}: ${inner}`;
  });
  if (properties.length > MAX_PROPERTIES) fields.push('…');
  return `{ ${fields.join(', ')} }`;
}

/** allOf/oneOf/anyOf: the first member that is not `{type: null}` (its $ref kept, for the name); else the schema itself. */
function pickMember(root: unknown, schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const members = schema[key];
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      const resolved = resolveRef(root, member);
      if (resolved.ok && !(isObject(resolved.value) && resolved.value.type === 'null')) return member;
    }
  }
  return schema;
}

function typesOf(schema: JsonObject): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? schema.type.filter((type): type is string => typeof type === 'string') : [];
}

function isObjectSchema(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  const types = typesOf(schema);
  return types.includes('object') || (types.length === 0 && isObject(schema.properties));
}

function isArraySchema(schema: JsonObject): boolean {
  return typesOf(schema).includes('array') || (typesOf(schema).length === 0 && 'items' in schema);
}

function scalarName(schema: JsonObject): string {
  return typesOf(schema).find((type) => type !== 'null') ?? 'any';
}

const SCALARS = new Set(['string', 'integer', 'number', 'boolean', 'any', 'unknown', 'null']);

function isScalar(shape: string): boolean {
  return SCALARS.has(shape);
}
