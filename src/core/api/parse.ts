import type { Address, Agent, ContactPoint, Lead, LeadEvent, MalformedItem, Me, Note, ParseWarnings } from './apiTypes';

/**
 * Tolerant readers for API JSON. Rules: a missing or null optional field is simply absent; a field of
 * the wrong type is dropped with a warning (the item becomes "partial"); an item without a usable id
 * cannot be shown or fetched again, so it is malformed and reported instead of the item.
 */

type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ItemResult<T> = { ok: true; item: T } | { ok: false; problem: string };

/** Reads fields of one object and records why any of them was dropped. */
class FieldReader {
  readonly warnings: ParseWarnings = [];

  constructor(readonly source: JsonObject) {}

  /** Ids may come as numbers from some servers; both are usable, nothing else is. */
  id(key = 'id'): string | undefined {
    const value = this.source[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return undefined;
  }

  string(key: string): string | undefined {
    return this.typed(key, 'a string', (value): value is string => typeof value === 'string');
  }

  boolean(key: string): boolean | undefined {
    return this.typed(key, 'true or false', (value): value is boolean => typeof value === 'boolean');
  }

  object(key: string): JsonObject | undefined {
    return this.typed(key, 'an object', isJsonObject);
  }

  /** An array whose entries are read one by one; a bad entry is dropped, the others kept. */
  array<T>(key: string, readEntry: (entry: unknown) => T | undefined): T[] {
    const value = this.source[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.warn(key, 'a list', value);
      return [];
    }
    const out: T[] = [];
    value.forEach((entry, index) => {
      const read = readEntry(entry);
      if (read === undefined) this.warnings.push(`${key}[${index}] was skipped: unexpected ${describeType(entry)}`);
      else out.push(read);
    });
    return out;
  }

  /** The one rule for a single optional field: absent or null is absent, the wrong type is dropped with a warning. */
  private typed<T>(key: string, expected: string, is: (value: unknown) => value is T): T | undefined {
    const value = this.source[key];
    if (value === undefined || value === null) return undefined;
    if (is(value)) return value;
    this.warn(key, expected, value);
    return undefined;
  }

  private warn(key: string, expected: string, value: unknown): void {
    this.warnings.push(`${key} should be ${expected} but is ${describeType(value)}`);
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `{"value","type","isPrimary"}`, or a bare string, which some servers send for emails and phones. */
function readContactPoint(entry: unknown): ContactPoint | undefined {
  if (typeof entry === 'string') return entry.trim() ? { value: entry } : undefined;
  if (!isJsonObject(entry)) return undefined;
  const reader = new FieldReader(entry);
  const value = reader.string('value');
  if (value === undefined || value.trim() === '') return undefined;
  return { value, type: reader.string('type'), isPrimary: reader.boolean('isPrimary') };
}

function readString(entry: unknown): string | undefined {
  return typeof entry === 'string' ? entry : undefined;
}

function readAddress(source: JsonObject | undefined, warnings: ParseWarnings): Address | undefined {
  if (!source) return undefined;
  const reader = new FieldReader(source);
  const address: Address = {
    street: reader.string('street'),
    city: reader.string('city'),
    state: reader.string('state'),
    zip: reader.string('zip'),
    country: reader.string('country'),
  };
  warnings.push(...reader.warnings.map((warning) => `address.${warning}`));
  return address;
}

function withoutId(source: unknown): ItemResult<never> | undefined {
  if (!isJsonObject(source)) return { ok: false, problem: `expected an object, got ${describeType(source)}` };
  if (new FieldReader(source).id() === undefined) return { ok: false, problem: 'it has no usable id' };
  return undefined;
}

export function parseLead(source: unknown): ItemResult<Lead> {
  return parseItem<Lead>(source, (reader) => ({
    firstName: reader.string('firstName'),
    lastName: reader.string('lastName'),
    emails: reader.array('emails', readContactPoint),
    phones: reader.array('phones', readContactPoint),
    stage: reader.string('stage'),
    leadType: reader.string('leadType'),
    source: reader.string('source'),
    sourceUrl: reader.string('sourceUrl'),
    assignedAgentId: reader.id('assignedAgentId') ?? reader.string('assignedAgentId'),
    tags: reader.array('tags', readString),
    searchCriteria: reader.object('searchCriteria'),
    createdAt: reader.string('createdAt'),
    updatedAt: reader.string('updatedAt'),
    lastActivityAt: reader.string('lastActivityAt'),
    // Last, as its problems are listed after the lead's own fields'.
    address: readAddress(reader.object('address'), reader.warnings),
  }));
}

/**
 * The shape every item shares: an object with a usable id, its raw form kept, and the problems
 * its reader met. `fields` reads the rest.
 */
function parseItem<T extends { id: string; raw: JsonObject; warnings: string[] }>(
  source: unknown,
  fields: (reader: FieldReader) => Omit<T, 'id' | 'raw' | 'warnings'>,
): ItemResult<T> {
  const invalid = withoutId(source);
  if (invalid) return invalid;
  const raw = source as JsonObject;
  const reader = new FieldReader(raw);
  const item = { id: reader.id()!, ...fields(reader), raw, warnings: reader.warnings } as T;
  return { ok: true, item };
}

export function parseNote(source: unknown): ItemResult<Note> {
  return parseItem<Note>(source, (reader) => ({
    leadId: reader.id('leadId'),
    body: reader.string('body'),
    createdAt: reader.string('createdAt'),
    authorId: reader.id('authorId'),
  }));
}

export function parseLeadEvent(source: unknown): ItemResult<LeadEvent> {
  return parseItem<LeadEvent>(source, (reader) => ({
    leadId: reader.id('leadId'),
    type: reader.string('type'),
    occurredAt: reader.string('occurredAt'),
    details: reader.object('details'),
  }));
}

export function parseAgent(source: unknown): ItemResult<Agent> {
  return parseItem<Agent>(source, (reader) => ({
    firstName: reader.string('firstName'),
    lastName: reader.string('lastName'),
    email: reader.string('email'),
  }));
}

export function parseMe(source: unknown): ItemResult<Me> {
  return parseItem<Me>(source, (reader) => ({
    email: reader.string('email'),
    firstName: reader.string('firstName'),
    lastName: reader.string('lastName'),
    teamId: reader.id('teamId'),
  }));
}

export function parseItems<T>(entries: unknown[], parseItem: (source: unknown) => ItemResult<T>): { items: T[]; malformed: MalformedItem[] } {
  const items: T[] = [];
  const malformed: MalformedItem[] = [];
  entries.forEach((entry, index) => {
    const result = parseItem(entry);
    if (result.ok) items.push(result.item);
    else malformed.push({ index, problem: result.problem });
  });
  return { items, malformed };
}
