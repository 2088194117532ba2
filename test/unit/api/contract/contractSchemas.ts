/**
 * The built-in OpenAPI document's schemas as a maintained JSON Schema validator (ajv, draft 2020-12,
 * OpenAPI 3.1's dialect) sees them, for the tests that hold the sandbox and the document together.
 * Tests only: ajv compiles schemas into code (`new Function`), which the shipped bundle may not hold.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import document from '../../../../src/core/api/contract/boomtown.openapi.json';
import { isObject, pointerOf, resolveRef, valueAt } from '../../../../src/core/api/contract/jsonPointer';

export const OPENAPI_DOCUMENT: Record<string, any> = document;

/** The id the document is registered under, so its `#/components/...` references resolve in ajv. */
const DOCUMENT_ID = 'https://boomtown-vscode.invalid/boomtown.openapi.json';
/** The document's own members, which are not JSON Schema keywords: ajv's strict mode is told they are data. */
const OPENAPI_MEMBERS = ['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components', 'webhooks', 'jsonSchemaDialect', 'externalDocs'];

/**
 * A strict ajv: an unknown keyword (a typo such as "maximun") or an ambiguous type is an error when
 * a schema compiles, not a keyword silently ignored.
 */
export function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

export interface DocumentValidator {
  /** Compiles the schema at `pointer` (a JSON pointer into the document). */
  schemaAt(pointer: string): ValidateFunction;
}

export function documentValidator(): DocumentValidator {
  const ajv = strictAjv();
  ajv.addVocabulary(OPENAPI_MEMBERS);
  ajv.addSchema(OPENAPI_DOCUMENT, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  return {
    schemaAt(pointer) {
      let validate = compiled.get(pointer);
      if (!validate) {
        const fragment = pointer.split('/').map(encodeURIComponent).join('/');
        validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${fragment}` });
        compiled.set(pointer, validate);
      }
      return validate;
    },
  };
}

/** The response object of an operation for a status: the exact code, else its range ('4XX'), else 'default'. */
export function responseFor(method: string, pathTemplate: string, status: number): { key: string; response: Record<string, any> } | undefined {
  const responses = valueAt(OPENAPI_DOCUMENT, pointerOf('paths', pathTemplate, method.toLowerCase(), 'responses'));
  if (!isObject(responses)) return undefined;
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    if (!(key in responses)) continue;
    const resolved = resolveRef(OPENAPI_DOCUMENT, responses[key]);
    if (!resolved.ok || !isObject(resolved.value)) throw new Error(`responses/${key} of ${method} ${pathTemplate} does not resolve`);
    return { key, response: resolved.value };
  }
  return undefined;
}

/** Where the JSON schema of an operation's answer for a status is, as a pointer into the document. */
export function answerSchemaPointer(method: string, pathTemplate: string, status: number): string | undefined {
  const found = responseFor(method, pathTemplate, status);
  if (!found) return undefined;
  const responsePointer = pointerOf('paths', pathTemplate, method.toLowerCase(), 'responses', found.key);
  const ref = valueAt(OPENAPI_DOCUMENT, `${responsePointer}/$ref`);
  const base = typeof ref === 'string' ? ref.slice(1) : responsePointer;
  return `${base}${pointerOf('content', 'application/json', 'schema')}`;
}

/** ajv's errors as one line each: "/data/3/emails must be array,null". */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}
