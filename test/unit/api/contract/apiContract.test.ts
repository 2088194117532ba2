import assert from 'node:assert/strict';
import { builtInContract, readApiDescription } from '../../../../src/core/api/contract/apiContract';
import { contractOf, problemOf } from './descriptionResults';
import { matchOperation, operationsAtPath } from '../../../../src/core/api/contract/operationMatch';


/** A user's description in YAML: one extra operation, parameters by $ref and at path level. */
const LISTINGS_YAML = `openapi: 3.0.3
info:
  title: My brokerage API
  version: '2'
paths:
  /v1/listings:
    parameters:
      - $ref: '#/components/parameters/Limit'
    get:
      tags: [Listings]
      summary: Listings on the market
      description: Active listings, newest first.
      parameters:
        - name: status
          in: query
          schema: { type: string, enum: [active, pending, sold], default: active }
        - name: session
          in: cookie
          schema: { type: string }
      responses:
        '200':
          description: A page of listings.
          content:
            application/json:
              schema:
                type: object
                required: [data]
                properties:
                  data: { type: array, items: { $ref: '#/components/schemas/Listing' } }
    post:
      operationId: createListing
      responses: { '201': { description: created } }
components:
  parameters:
    Limit: { name: limit, in: query, schema: { type: integer, maximum: 500, nullable: true } }
  schemas:
    Listing:
      type: object
      required: [id]
      properties: { id: { type: string }, price: { type: number } }
`;

describe('the API contract model', () => {
  describe('builtInContract', () => {
    it('reads the bundled document: the six operations, grouped by tag, with summaries', async () => {
      const contract = await builtInContract();
      assert.equal(contract.source, 'built-in');
      assert.equal(contract.title, 'BoomTown API');
      assert.deepEqual(
        contract.operations.map((operation) => `${operation.tag}: ${operation.method} ${operation.path}`),
        ['Account: GET /v1/me', 'Leads: GET /v1/leads', 'Leads: GET /v1/leads/{id}', 'Leads: GET /v1/leads/{id}/notes', 'Leads: GET /v1/leads/{id}/events', 'Agents: GET /v1/agents'],
      );
      for (const operation of contract.operations) {
        assert.ok(operation.summary && !operation.summary.includes('\n'), operation.path);
        assert.ok(operation.description.length > 20, operation.path);
      }
    });

    it("gives /v1/leads's parameters with type, enum, default and maximum, and a readable answer", async () => {
      const leads = (await builtInContract()).operations.find((operation) => operation.path === '/v1/leads')!;
      assert.deepEqual(leads.parameters.map((parameter) => parameter.name), ['q', 'stage', 'sort', 'limit', 'offset']);
      const byName = Object.fromEntries(leads.parameters.map((parameter) => [parameter.name, parameter]));
      assert.deepEqual(byName.stage.enum, ['new', 'attempted_contact', 'nurture', 'active', 'under_contract', 'closed', 'archived']);
      assert.deepEqual({ type: byName.sort.type, default: byName.sort.default, enum: byName.sort.enum }, { type: 'string', default: '-lastActivityAt', enum: ['-lastActivityAt', '-createdAt', 'lastName'] });
      assert.deepEqual(
        { in: byName.limit.in, type: byName.limit.type, required: byName.limit.required, default: byName.limit.default, minimum: byName.limit.minimum, maximum: byName.limit.maximum },
        { in: 'query', type: 'integer', required: false, default: 25, minimum: 1, maximum: 100 },
      );
      assert.equal(byName.q.maxLength, 200);
      assert.ok(byName.q.description?.includes('phone'));
      const lines = leads.answer.split('\n');
      assert.equal(lines[0], '{ data: Lead[], _metadata: PageMetadata }');
      assert.match(lines[1], /^Lead: \{ id, firstName\?, lastName\?, emails\?: Email\[\], .*stage\?, .*address\?: Address, /);
      assert.equal(lines[2], 'PageMetadata: { offset, limit, total? }');
      const lead = (await builtInContract()).operations.find((operation) => operation.path === '/v1/leads/{id}')!;
      assert.deepEqual(lead.parameters, [{ name: 'id', in: 'path', required: true, type: 'string', description: "The lead's id, for example L-10001." }]);
    });
  });

  describe('readApiDescription', () => {
    it('reads a YAML OpenAPI 3.0 document: $ref and path-level parameters, cookies left out, operations without summary', () => {
      const contract = contractOf(readApiDescription(LISTINGS_YAML, 'file:///home/me/api.yaml'));
      assert.equal(contract.title, 'My brokerage API');
      assert.equal(contract.source, 'file:///home/me/api.yaml');
      const [list, create] = contract.operations;
      assert.deepEqual({ method: list.method, path: list.path, tag: list.tag, summary: list.summary }, { method: 'GET', path: '/v1/listings', tag: 'Listings', summary: 'Listings on the market' });
      assert.deepEqual(list.parameters, [
        { name: 'limit', in: 'query', required: false, type: 'integer', maximum: 500 },
        { name: 'status', in: 'query', required: false, type: 'string', default: 'active', enum: ['active', 'pending', 'sold'] },
      ]);
      assert.equal(list.answer, '{ data: Listing[] }\nListing: { id, price? }');
      assert.deepEqual({ method: create.method, tag: create.tag, summary: create.summary, operationId: create.operationId, answer: create.answer }, { method: 'POST', tag: 'Other', summary: 'createListing', operationId: 'createListing', answer: '(no body)' });
    });

    it('reads the same document as JSON, and an operation parameter overrides the path-level one', () => {
      const json = JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'T', version: '1' },
        paths: {
          '/items/{id}': {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }],
            get: { parameters: [{ name: 'limit', in: 'query', schema: { type: ['integer', 'null'], maximum: 5 } }], responses: { '200': { description: 'ok' } } },
          },
        },
      });
      const [operation] = contractOf(readApiDescription(json, '/home/me/api.json')).operations;
      assert.deepEqual(operation.parameters, [
        { name: 'id', in: 'path', required: true, type: 'string' },
        { name: 'limit', in: 'query', required: false, type: 'integer', maximum: 5 },
      ]);
      assert.equal(operation.summary, 'GET /items/{id}');
    });

    it('a document that is not OpenAPI 3: the problem at /openapi', () => {
      assert.deepEqual(problemOf(readApiDescription('swagger: "2.0"\npaths: {}\n', 'a.yaml')), { problem: 'not an OpenAPI 3.0 or 3.1 document (Swagger 2.0)', pointer: '/openapi' });
      assert.deepEqual(problemOf(readApiDescription('{"info": {"title": "x"}}', 'a.json')), { problem: 'not an OpenAPI 3.0 or 3.1 document (no "openapi" field)', pointer: '/openapi' });
      assert.equal(problemOf(readApiDescription('openapi: 4.0.0\n', 'a.yaml')).pointer, '/openapi');
      assert.deepEqual(problemOf(readApiDescription('- just\n- a list\n', 'a.yaml')), { problem: 'the document is not an object', pointer: '' });
    });

    it('text that does not parse: the parser says where', () => {
      const yaml = problemOf(readApiDescription('openapi: 3.1.0\npaths:\n  /a: [unclosed\n', 'a.yaml'));
      assert.equal(yaml.pointer, '');
      assert.match(yaml.problem, /^not valid YAML: .* at line 4, column 1$/);
      const json = problemOf(readApiDescription('{"openapi": "3.1.0",}', 'a.json'));
      assert.equal(json.pointer, '');
      assert.match(json.problem, /^not valid JSON: /);
    });

    it('a malformed parameter: the pointer to it in the operation, whether inline or by $ref', () => {
      const base = (parameters: unknown[], components: unknown = {}) =>
        JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: { '/v1/leads': { get: { parameters, responses: {} } } }, components });
      const ok = { name: 'q', in: 'query' };
      assert.deepEqual(problemOf(readApiDescription(base([ok, ok, { name: 'limit', in: 'body' }]), 'a')), {
        problem: 'parameter "limit": "in" must be path, query, header or cookie',
        pointer: '/paths/~1v1~1leads/get/parameters/2',
      });
      assert.deepEqual(problemOf(readApiDescription(base([{ in: 'query' }]), 'a')), { problem: 'a parameter needs a name', pointer: '/paths/~1v1~1leads/get/parameters/0' });
      assert.deepEqual(problemOf(readApiDescription(base([ok, { $ref: '#/components/parameters/Nope' }]), 'a')), {
        problem: '$ref "#/components/parameters/Nope" points to nothing',
        pointer: '/paths/~1v1~1leads/get/parameters/1',
      });
      assert.match(problemOf(readApiDescription(base([{ $ref: 'other.yaml#/Limit' }]), 'a')).problem, /points outside the document/);
      assert.match(problemOf(readApiDescription(base([{ $ref: '#/components/parameters/A' }], { parameters: { A: { $ref: '#/components/parameters/A' } } }), 'a')).problem, /a loop/);
      assert.deepEqual(problemOf(readApiDescription(base([{ name: 'q', in: 'query', schema: 'string' }]), 'a')), {
        problem: 'a schema must be an object',
        pointer: '/paths/~1v1~1leads/get/parameters/0/schema',
      });
      assert.equal(problemOf(readApiDescription(base('limit' as unknown as unknown[]), 'a')).pointer, '/paths/~1v1~1leads/get/parameters');
    });

    it('a malformed path item or operation: the pointer to it', () => {
      const doc = (paths: unknown) => JSON.stringify({ openapi: '3.0.0', info: { title: 'T', version: '1' }, paths });
      assert.deepEqual(problemOf(readApiDescription(doc({ '/a': 'nope' }), 'a')), { problem: 'a path item must be an object', pointer: '/paths/~1a' });
      assert.deepEqual(problemOf(readApiDescription(doc({ '/a': { get: [] } }), 'a')), { problem: 'an operation must be an object', pointer: '/paths/~1a/get' });
      assert.deepEqual(problemOf(readApiDescription(doc({ '/a': { get: { summary: 7 } } }), 'a')), { problem: 'summary must be a string', pointer: '/paths/~1a/get/summary' });
      assert.deepEqual(problemOf(readApiDescription(doc({ '/a': { get: { tags: 'x' } } }), 'a')), { problem: 'tags must be a list of strings', pointer: '/paths/~1a/get/tags' });
      assert.deepEqual(problemOf(readApiDescription(doc({ 'a~b': {} }), 'a')), { problem: 'the path "a~b" does not start with /', pointer: '/paths/a~0b' });
      assert.deepEqual(problemOf(readApiDescription(doc([]), 'a')), { problem: 'paths must be an object', pointer: '/paths' });
    });

    it('a YAML alias bomb is refused, not expanded', () => {
      const bomb = ['openapi: 3.1.0', 'a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, index) => {
        const name = String.fromCharCode(98 + index);
        const previous = String.fromCharCode(97 + index);
        return `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`;
      })].join('\n');
      const started = performance.now();
      assert.match(problemOf(readApiDescription(bomb, 'bomb.yaml')).problem, /not valid YAML: .*alias/i);
      assert.ok(performance.now() - started < 1000);
    });
  });

  describe('matchOperation', () => {
    it('finds the operation of a concrete path, its path parameters, ignoring query and trailing slash', async () => {
      const { operations } = await builtInContract();
      const match = matchOperation(operations, 'get', '/v1/leads/L-10001/notes?limit=5');
      assert.equal(match?.operation.path, '/v1/leads/{id}/notes');
      assert.deepEqual(match?.pathParams, { id: 'L-10001' });
      assert.equal(matchOperation(operations, 'GET', '/v1/leads/')?.operation.path, '/v1/leads');
      assert.equal(matchOperation(operations, 'GET', '/v1/leadz'), undefined);
      assert.equal(matchOperation(operations, 'POST', '/v1/leads'), undefined);
      assert.equal(matchOperation(operations, 'GET', '/v1/leads//notes'), undefined);
      assert.deepEqual(operationsAtPath(operations, '/v1/agents').map((operation) => operation.method), ['GET']);
    });

    it('a literal segment wins over a template, and a segment may hold a template in part', () => {
      const { operations } = contractOf(
        readApiDescription(
          JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: { '/v1/leads/{id}': { get: {} }, '/v1/leads/search': { get: {} }, '/files/{name}.json': { get: {} } } }),
          'a',
        ),
      );
      assert.equal(matchOperation(operations, 'GET', '/v1/leads/search')?.operation.path, '/v1/leads/search');
      assert.equal(matchOperation(operations, 'GET', '/v1/leads/L-1')?.operation.path, '/v1/leads/{id}');
      assert.deepEqual(matchOperation(operations, 'GET', '/files/a.b.json')?.pathParams, { name: 'a.b' });
      assert.equal(matchOperation(operations, 'GET', '/files/a.yaml'), undefined);
    });
  });
});
