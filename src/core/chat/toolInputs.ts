import { validateRawPath } from '../api/rawPath';
import { isBoomTownError } from '../shared/errors';
import { isJsonObject } from '../api/parse';
import { singleLine } from '../shared/plainText';

/**
 * What a language model sends to a tool, checked before anything leaves the machine. VS Code may
 * or may not validate input against the declared schema, and a model invents fields and values,
 * so every input is read here as `unknown`: a bad value is a refusal the model can read and
 * correct, never an exception.
 */

const SEARCH_LIMIT_MAX = 50;
const SEARCH_LIMIT_DEFAULT = 10;
const AGENTS_LIMIT_DEFAULT = 50;
const AGENTS_LIMIT_MAX = 100;
/** The sandbox and the contract cap free-text search at 200 characters. */
const QUERY_MAX = 200;

/** The contract's stages and sort orders; the schema offers them as enums. */
const LEAD_STAGES = ['new', 'attempted_contact', 'nurture', 'active', 'under_contract', 'closed', 'archived'] as const;
const LEAD_SORTS = ['-lastActivityAt', '-createdAt', 'lastName'] as const;

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface SearchLeadsInput {
  q?: string;
  stage?: string;
  sort?: string;
  limit: number;
  offset: number;
}

interface GetLeadInput {
  id: string;
}

interface ListAgentsInput {
  limit: number;
  offset: number;
}

interface ApiGetInput {
  /** Path and query relative to the API base, starting with /v1/. */
  path: string;
}

class Refusal extends Error {}

function refuse(problem: string): never {
  throw new Refusal(problem);
}

function check<T>(read: () => T): Checked<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.message };
    throw error;
  }
}

function fieldsOf(input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (!isJsonObject(input)) refuse('The input must be an object.');
  return input;
}

function optionalText(fields: Record<string, unknown>, key: string, max: number): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') refuse(`"${key}" must be a string.`);
  if (/[\u0000-\u001f\u007f]/.test(value)) refuse(`"${key}" contains control characters.`);
  const text = value.trim();
  if (text.length > max) refuse(`"${key}" is longer than ${max} characters.`);
  return text === '' ? undefined : text;
}

function wholeNumber(fields: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
  const value = fields[key];
  if (value === undefined || value === null) return fallback;
  // Models sometimes send numbers as strings ("10"); that much is forgiven.
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) refuse(`"${key}" must be a whole number.`);
  if (number < min || number > max) refuse(`"${key}" must be between ${min} and ${max}.`);
  return number;
}

function oneOf(fields: Record<string, unknown>, key: string, allowed: readonly string[]): string | undefined {
  const text = optionalText(fields, key, 60);
  if (text !== undefined && !allowed.includes(text)) refuse(`"${key}" must be one of: ${allowed.join(', ')}.`);
  return text;
}

export function checkSearchLeads(input: unknown): Checked<SearchLeadsInput> {
  return check(() => {
    const fields = fieldsOf(input);
    return {
      q: optionalText(fields, 'q', QUERY_MAX),
      stage: oneOf(fields, 'stage', LEAD_STAGES),
      sort: oneOf(fields, 'sort', LEAD_SORTS),
      limit: wholeNumber(fields, 'limit', SEARCH_LIMIT_DEFAULT, 1, SEARCH_LIMIT_MAX),
      offset: wholeNumber(fields, 'offset', 0, 0, 1_000_000),
    };
  });
}

export function checkGetLead(input: unknown): Checked<GetLeadInput> {
  return check(() => {
    const fields = fieldsOf(input);
    const raw = typeof fields.id === 'number' && Number.isInteger(fields.id) ? String(fields.id) : fields.id;
    const id = optionalText({ id: raw }, 'id', 100);
    if (id === undefined) refuse('"id" is required: a lead id such as L-10001, as boomtown_searchLeads returns it.');
    // The id becomes one path segment; anything that could climb out of it is not an id.
    if (id.includes('/') || id.includes('\\') || id === '.' || id === '..') refuse('"id" must be a lead id such as L-10001, not a path.');
    return { id };
  });
}

export function checkListAgents(input: unknown): Checked<ListAgentsInput> {
  return check(() => {
    const fields = fieldsOf(input);
    return {
      limit: wholeNumber(fields, 'limit', AGENTS_LIMIT_DEFAULT, 1, AGENTS_LIMIT_MAX),
      offset: wholeNumber(fields, 'offset', 0, 0, 1_000_000),
    };
  });
}

const METHOD_PREFIX = /^([A-Za-z]+)\s+(?=\S)/;

/**
 * Any GET under /v1/ of the configured API, and nothing else: the bearer token goes with it, so
 * another host, a full URL elsewhere, `..` and any other method are refused (validateRawPath has
 * the path rules "Send Request…" uses too).
 */
export function checkApiGet(input: unknown, apiUrl: string): Checked<ApiGetInput> {
  return check(() => {
    const fields = fieldsOf(input);
    const method = fields.method;
    if (method !== undefined && method !== null && (typeof method !== 'string' || method.trim().toUpperCase() !== 'GET')) {
      refuse(`Only GET requests are allowed; "${singleLine(method, 20)}" was refused. These tools only read.`);
    }
    if (typeof fields.path !== 'string' || fields.path.trim() === '') refuse('"path" is required, for example /v1/leads?limit=5.');
    let text = fields.path.trim();
    const prefix = METHOD_PREFIX.exec(text);
    if (prefix && /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT)$/i.test(prefix[1])) {
      if (prefix[1].toUpperCase() !== 'GET') refuse(`Only GET requests are allowed; ${prefix[1].toUpperCase()} was refused. These tools only read.`);
      text = text.slice(prefix[0].length);
    }
    try {
      return { path: validateRawPath(text, apiUrl) };
    } catch (error) {
      if (isBoomTownError(error, 'badInput')) refuse(`The path was refused: ${error.message}`);
      throw error;
    }
  });
}
