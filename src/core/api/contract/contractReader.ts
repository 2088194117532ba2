/**
 * Reads an OpenAPI 3.0/3.1 document into the contract model. The structure is checked by hand, not
 * with a JSON Schema validator: only the few parts the editor features use are checked (the
 * version, paths, operations, parameters, the 2xx answer), each problem is reported with the JSON
 * pointer of the part a user must fix, and a validator that compiles schemas into code (`new
 * Function`) is not allowed in the shipped bundle. Everything else in the document (examples,
 * security, servers, vendor extensions) is left alone, so a document that real tools accept is read.
 */
import { parseDocument } from 'yaml';
import type { ApiContract, ApiDescriptionResult, ContractOperation, ContractParameter } from './contractTypes';
import { answerShape } from './answerShape';
import { isObject, pointerOf, resolveRef, type JsonObject } from './jsonPointer';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PARAMETER_LOCATIONS = new Set(['path', 'query', 'header', 'cookie']);

export type Parsed = { ok: true; document: unknown } | { ok: false; problem: string; pointer: string };

/** JSON when it looks like JSON (JSON.parse is many times faster than a YAML parser), YAML otherwise. */
export function parseDescriptionText(text: string): Parsed {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(body)) {
    try {
      return { ok: true, document: JSON.parse(body) };
    } catch (error) {
      return { ok: false, problem: `not valid JSON: ${(error as Error).message}`, pointer: '' };
    }
  }
  // YAML's alias limit (the default 100 expansions) keeps a "billion laughs" document from growing without end.
  const parsed = parseDocument(body, { prettyErrors: true });
  const [first] = parsed.errors;
  if (first) return { ok: false, problem: `not valid YAML: ${first.message.split('\n')[0].replace(/:$/, '')}`, pointer: '' };
  try {
    return { ok: true, document: parsed.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { ok: false, problem: `not valid YAML: ${(error as Error).message}`, pointer: '' };
  }
}

class Problem extends Error {
  constructor(
    readonly problem: string,
    readonly pointer: string,
  ) {
    super(problem);
  }
}

export function contractFromDocument(document: unknown, source: string): ApiDescriptionResult {
  try {
    return { ok: true, contract: readContract(document, source) };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.problem, pointer: error.pointer };
    throw error;
  }
}

function readContract(document: unknown, source: string): ApiContract {
  if (!isObject(document)) throw new Problem('the document is not an object', '');
  const version = document.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\.\d+/.test(version)) {
    const found = typeof document.swagger === 'string' ? `Swagger ${document.swagger}` : version === undefined ? 'no "openapi" field' : `openapi ${JSON.stringify(version)}`;
    throw new Problem(`not an OpenAPI 3.0 or 3.1 document (${found})`, '/openapi');
  }
  const info = document.info;
  if (info !== undefined && !isObject(info)) throw new Problem('info must be an object', '/info');
  const title = isObject(info) && typeof info.title === 'string' && info.title.trim() !== '' ? info.title.trim() : source;
  const paths = document.paths;
  if (paths !== undefined && !isObject(paths)) throw new Problem('paths must be an object', '/paths');
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(paths ?? {})) {
    operations.push(...readPathItem(document, path, item));
  }
  return { title, source, operations };
}

function readPathItem(root: JsonObject, path: string, item: unknown): ContractOperation[] {
  const itemPointer = pointerOf('paths', path);
  if (!path.startsWith('/')) throw new Problem(`the path "${path}" does not start with /`, itemPointer);
  const resolved = resolveOrProblem(root, item, itemPointer);
  if (!isObject(resolved)) throw new Problem('a path item must be an object', itemPointer);
  const shared = readParameters(root, resolved.parameters, `${itemPointer}/parameters`);
  const operations: ContractOperation[] = [];
  for (const method of METHODS) {
    if (resolved[method] === undefined) continue;
    operations.push(readOperation(root, method, path, resolved[method], shared, `${itemPointer}/${method}`));
  }
  return operations;
}

function readOperation(root: JsonObject, method: string, path: string, operation: unknown, shared: readonly ContractParameter[], pointer: string): ContractOperation {
  if (!isObject(operation)) throw new Problem('an operation must be an object', pointer);
  const operationId = optionalString(operation, 'operationId', pointer);
  const summary = optionalString(operation, 'summary', pointer);
  const description = optionalString(operation, 'description', pointer) ?? '';
  const tags = operation.tags;
  if (tags !== undefined && (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))) throw new Problem('tags must be a list of strings', `${pointer}/tags`);
  const own = readParameters(root, operation.parameters, `${pointer}/parameters`);
  const key = (parameter: ContractParameter): string => `${parameter.in} ${parameter.name}`;
  const overridden = new Set(own.map(key));
  return {
    method: method.toUpperCase(),
    path,
    ...(operationId !== undefined ? { operationId } : {}),
    tag: (tags as string[] | undefined)?.[0] ?? 'Other',
    summary: oneLine(summary ?? description.split('\n')[0] ?? '') || operationId || `${method.toUpperCase()} ${path}`,
    description,
    parameters: [...shared.filter((parameter) => !overridden.has(key(parameter))), ...own],
    answer: readAnswer(root, operation.responses, `${pointer}/responses`),
  };
}

function readParameters(root: JsonObject, parameters: unknown, pointer: string): ContractParameter[] {
  if (parameters === undefined) return [];
  if (!Array.isArray(parameters)) throw new Problem('parameters must be a list', pointer);
  const read: ContractParameter[] = [];
  parameters.forEach((entry, index) => {
    const parameter = readParameter(root, entry, `${pointer}/${index}`);
    if (parameter) read.push(parameter);
  });
  return read;
}

/** A cookie parameter is checked but not returned: a request file has no place for it. */
function readParameter(root: JsonObject, entry: unknown, pointer: string): ContractParameter | undefined {
  const parameter = resolveOrProblem(root, entry, pointer);
  if (!isObject(parameter)) throw new Problem('a parameter must be an object', pointer);
  const { name, in: location } = parameter;
  if (typeof name !== 'string' || name === '') throw new Problem('a parameter needs a name', pointer);
  if (typeof location !== 'string' || !PARAMETER_LOCATIONS.has(location)) throw new Problem(`parameter "${name}": "in" must be path, query, header or cookie`, pointer);
  if (parameter.required !== undefined && typeof parameter.required !== 'boolean') throw new Problem(`parameter "${name}": required must be true or false`, pointer);
  const description = optionalString(parameter, 'description', pointer);
  const schema = parameterSchema(root, parameter, pointer);
  if (location === 'cookie') return undefined;
  const enumValues = enumOf(schema);
  return {
    name,
    in: location as ContractParameter['in'],
    required: location === 'path' || parameter.required === true,
    type: typeOf(schema),
    ...(description !== undefined ? { description } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
    ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}),
    ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}),
    ...(typeof schema.maxLength === 'number' ? { maxLength: schema.maxLength } : {}),
    ...(enumValues ? { enum: enumValues } : {}),
  };
}

/** `schema`, or (OpenAPI's other form) the schema of the one media type under `content`. */
function parameterSchema(root: JsonObject, parameter: JsonObject, pointer: string): JsonObject {
  let schema: unknown = parameter.schema;
  let schemaPointer = `${pointer}/schema`;
  if (schema === undefined && isObject(parameter.content)) {
    const [mediaType, media] = Object.entries(parameter.content)[0] ?? [];
    if (mediaType !== undefined) {
      schemaPointer = `${pointer}${pointerOf('content', mediaType, 'schema')}`;
      schema = isObject(media) ? media.schema : undefined;
    }
  }
  if (schema === undefined) return {};
  const resolved = resolveOrProblem(root, schema, schemaPointer);
  if (typeof resolved === 'boolean') return {};
  if (!isObject(resolved)) throw new Problem('a schema must be an object', schemaPointer);
  return resolved;
}

function typeOf(schema: JsonObject): string {
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
  const type = types.find((candidate) => typeof candidate === 'string' && candidate !== 'null');
  if (typeof type === 'string') return type;
  return Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string' || value === null) ? 'string' : 'any';
}

function enumOf(schema: JsonObject): readonly string[] | undefined {
  const values = Array.isArray(schema.enum) ? schema.enum : isObject(schema.items) && Array.isArray(schema.items.enum) ? schema.items.enum : undefined;
  return values?.filter((value) => value !== null && typeof value !== 'object').map(String);
}

/** The first 2xx answer's JSON schema, as a shape; '(no JSON body)' when there is none. */
function readAnswer(root: JsonObject, responses: unknown, pointer: string): string {
  if (responses === undefined) return '(not described)';
  if (!isObject(responses)) throw new Problem('responses must be an object', pointer);
  const status = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort()[0];
  if (status === undefined) return '(not described)';
  const responsePointer = `${pointer}/${status}`;
  const response = resolveOrProblem(root, responses[status], responsePointer);
  if (!isObject(response)) throw new Problem('a response must be an object', responsePointer);
  if (!isObject(response.content)) return '(no body)';
  const mediaType = Object.keys(response.content).find((type) => /json/i.test(type));
  if (mediaType === undefined) return '(no JSON body)';
  const media = response.content[mediaType];
  if (!isObject(media) || media.schema === undefined) return '(any JSON)';
  return answerShape(root, media.schema);
}

function resolveOrProblem(root: JsonObject, value: unknown, pointer: string): unknown {
  const resolved = resolveRef(root, value);
  if (!resolved.ok) throw new Problem(resolved.problem, pointer);
  return resolved.value;
}

function optionalString(object: JsonObject, key: string, pointer: string): string | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Problem(`${key} must be a string`, `${pointer}/${key}`);
  return value;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
