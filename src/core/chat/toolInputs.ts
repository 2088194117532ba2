import { validateRawPath } from '../api/rawPath';
import { isBoomTownError } from '../shared/errors';
import { isJsonObject } from '../api/parse';
import { singleLine } from '../shared/plainText';
import type { ApiContract, ContractParameter } from '../api/contract/contractTypes';

/**
 * What a language model sends to a tool, checked before anything leaves the machine. VS Code may
 * or may not validate input against the declared schema, and a model invents fields and values,
 * so every input is read here as `unknown`: a bad value is a refusal the model can read and
 * correct, never an exception.
 */

/** The tools' own ceilings and defaults: never more than these, whatever a contract allows (an answer must fit the model's budget). */
const SEARCH_LIMIT_CEILING = 50;
const SEARCH_LIMIT_DEFAULT = 10;
const AGENTS_LIMIT_CEILING = 100;
const AGENTS_LIMIT_DEFAULT = 50;
const OFFSET_MAX = 1_000_000;
const QUERY_CEILING = 200;

/** What a tool accepts, as the API contract describes it: the contract is the one source of the stages, sorts and limits. */
export interface ToolInputRules {
  stages: readonly string[];
  sorts: readonly string[];
  queryMaxLength: number;
  searchLimit: Range;
  agentsLimit: Range;
}

interface Range {
  min: number;
  max: number;
  fallback: number;
}

/**
 * The rules of the tools that read `GET /v1/leads` and `GET /v1/agents`, from `contract`. A contract
 * without them is a broken built-in document (its tests validate it), so that throws.
 */
export function toolInputRules(contract: ApiContract): ToolInputRules {
  const leads = parametersOf(contract, '/v1/leads');
  const agents = parametersOf(contract, '/v1/agents');
  return {
    stages: enumOf(leads, 'stage'),
    sorts: enumOf(leads, 'sort'),
    queryMaxLength: Math.min(QUERY_CEILING, parameterOf(leads, 'q').maxLength ?? QUERY_CEILING),
    searchLimit: limitRange(parameterOf(leads, 'limit'), SEARCH_LIMIT_CEILING, SEARCH_LIMIT_DEFAULT),
    agentsLimit: limitRange(parameterOf(agents, 'limit'), AGENTS_LIMIT_CEILING, AGENTS_LIMIT_DEFAULT),
  };
}

/**
 * The rules of the built-in contract, loaded by the first call and kept. The document is a chunk of
 * its own (a dynamic import): composing the tools loads nothing, the first tool call does.
 */
export function builtInToolInputRules(): () => Promise<ToolInputRules> {
  let loading: Promise<ToolInputRules> | undefined;
  return () => (loading ??= import('../api/contract/apiContract').then(async ({ builtInContract }) => toolInputRules(await builtInContract())));
}

function parametersOf(contract: ApiContract, path: string): readonly ContractParameter[] {
  const operation = contract.operations.find((candidate) => candidate.method === 'GET' && candidate.path === path);
  if (!operation) throw new Error(`the API contract has no GET ${path}, which a chat tool reads`);
  return operation.parameters;
}

function parameterOf(parameters: readonly ContractParameter[], name: string): ContractParameter {
  const parameter = parameters.find((candidate) => candidate.in === 'query' && candidate.name === name);
  if (!parameter) throw new Error(`the API contract has no query parameter "${name}", which a chat tool takes`);
  return parameter;
}

function enumOf(parameters: readonly ContractParameter[], name: string): readonly string[] {
  const values = parameterOf(parameters, name).enum;
  if (!values?.length) throw new Error(`the API contract lists no values for "${name}", which a chat tool offers`);
  return values;
}

/** The contract's range, narrowed to the tool's ceiling; the tool's default when it lies inside. */
function limitRange(parameter: ContractParameter, ceiling: number, toolDefault: number): Range {
  const min = parameter.minimum ?? 1;
  const max = Math.min(ceiling, parameter.maximum ?? ceiling);
  return { min, max, fallback: Math.min(Math.max(toolDefault, min), max) };
}

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

export function checkSearchLeads(input: unknown, rules: ToolInputRules): Checked<SearchLeadsInput> {
  return check(() => {
    const fields = fieldsOf(input);
    return {
      q: optionalText(fields, 'q', rules.queryMaxLength),
      stage: oneOf(fields, 'stage', rules.stages),
      sort: oneOf(fields, 'sort', rules.sorts),
      limit: wholeNumber(fields, 'limit', rules.searchLimit.fallback, rules.searchLimit.min, rules.searchLimit.max),
      offset: wholeNumber(fields, 'offset', 0, 0, OFFSET_MAX),
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

export function checkListAgents(input: unknown, rules: ToolInputRules): Checked<ListAgentsInput> {
  return check(() => {
    const fields = fieldsOf(input);
    return {
      limit: wholeNumber(fields, 'limit', rules.agentsLimit.fallback, rules.agentsLimit.min, rules.agentsLimit.max),
      offset: wholeNumber(fields, 'offset', 0, 0, OFFSET_MAX),
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
