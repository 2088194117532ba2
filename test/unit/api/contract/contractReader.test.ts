import assert from 'node:assert/strict';
import { readApiDescription } from '../../../../src/core/api/contract/apiContract';
import { contractOf, problemOf } from './descriptionResults';


const document = (rest: Record<string, unknown>) => JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, ...rest });
const withGet = (get: Record<string, unknown>, components: unknown = {}) => document({ paths: { '/v1/leads': { get } }, components });

describe('reading an OpenAPI document (the parts the editor uses)', () => {
  it('a document without paths has no operations; without a title it is named by its source', () => {
    const contract = contractOf(readApiDescription('openapi: 3.0.3\ninfo: { title: "  ", version: "1" }\n', 'file:///home/me/api.yaml'));
    assert.deepEqual(contract, { title: 'file:///home/me/api.yaml', source: 'file:///home/me/api.yaml', operations: [] });
    assert.deepEqual(problemOf(readApiDescription('openapi: 3.0.3\ninfo: My API\n', 'a.yaml')), { problem: 'info must be an object', pointer: '/info' });
  });

  it("reads a parameter's schema under content, an enum without a type, a list's enum and a boolean schema", () => {
    const [operation] = contractOf(
      readApiDescription(
        withGet({
          parameters: [
            { name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } },
            { name: 'stage', in: 'query', schema: { enum: ['new', 'closed', null] } },
            { name: 'ids', in: 'query', schema: { type: 'array', items: { enum: [1, 2, { no: 1 }] } } },
            { name: 'anything', in: 'query', schema: true },
            { name: 'empty', in: 'query', content: {} },
          ],
        }),
        'a',
      ),
    ).operations;
    assert.deepEqual(operation.parameters, [
      { name: 'filter', in: 'query', required: false, type: 'object' },
      { name: 'stage', in: 'query', required: false, type: 'string', enum: ['new', 'closed'] },
      { name: 'ids', in: 'query', required: false, type: 'array', enum: ['1', '2'] },
      { name: 'anything', in: 'query', required: false, type: 'any' },
      { name: 'empty', in: 'query', required: false, type: 'any' },
    ]);
    assert.deepEqual(problemOf(readApiDescription(withGet({ parameters: [{ name: 'f', in: 'query', content: { 'application/json': { schema: 5 } } }] }), 'a')), {
      problem: 'a schema must be an object',
      pointer: '/paths/~1v1~1leads/get/parameters/0/content/application~1json/schema',
    });
  });

  it('a malformed parameter entry: the pointer to it', () => {
    assert.deepEqual(problemOf(readApiDescription(withGet({ parameters: ['limit'] }), 'a')), { problem: 'a parameter must be an object', pointer: '/paths/~1v1~1leads/get/parameters/0' });
    assert.deepEqual(problemOf(readApiDescription(withGet({ parameters: [{ name: 'q', in: 'query', required: 'yes' }] }), 'a')), {
      problem: 'parameter "q": required must be true or false',
      pointer: '/paths/~1v1~1leads/get/parameters/0',
    });
  });

  it('the answer: the first 2xx JSON body, or says why there is none', () => {
    const answer = (responses: unknown, components: unknown = {}) => contractOf(readApiDescription(withGet({ responses }, components), 'a')).operations[0].answer;
    assert.equal(answer({ '404': { description: 'gone' } }), '(not described)');
    assert.equal(answer({ '201': { content: { 'text/csv': {} } } }), '(no JSON body)');
    assert.equal(answer({ '2XX': { content: { 'application/problem+json': {} } } }), '(any JSON)');
    assert.equal(answer({ '204': { content: {} }, '200': { $ref: '#/components/responses/Ok' } }, { responses: { Ok: { content: { 'application/json': { schema: { type: 'string' } } } } } }), 'string', 'the lowest 2xx, by $ref');
    assert.deepEqual(problemOf(readApiDescription(withGet({ responses: [] }), 'a')), { problem: 'responses must be an object', pointer: '/paths/~1v1~1leads/get/responses' });
    assert.deepEqual(problemOf(readApiDescription(withGet({ responses: { '200': 'ok' } }), 'a')), { problem: 'a response must be an object', pointer: '/paths/~1v1~1leads/get/responses/200' });
  });
});
