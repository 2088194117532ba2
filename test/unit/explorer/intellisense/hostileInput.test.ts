import assert from 'node:assert/strict';
import { readApiDescription } from '../../../../src/core/api/contract/apiContract';
import { requestProblems } from '../../../../src/core/explorer/intellisense/diagnostics';
import { readRequestDocument } from '../../../../src/core/explorer/intellisense/requestTarget';
import { hoverAt } from '../../../../src/core/explorer/intellisense/hover';
import { API_URL, fixtureIndex, withCursor } from './contractFixture';

const codes = (text: string) => requestProblems(readRequestDocument(text), fixtureIndex(), API_URL).map((problem) => problem.code);

/** Input nobody types on purpose but anybody can paste or open: it gets an answer, never a freeze or a throw. */
describe('the contract features with hostile input', () => {
  it('takes /v1/leads/ for /v1/leads, as the send loop and the server do', () => {
    assert.deepEqual(codes('GET /v1/leads/'), []);
    assert.deepEqual(codes('GET /v1/leads/?limit=5'), []);
  });

  it('offers no "did you mean" for a pasted path of thousands of characters (and answers at once)', () => {
    const blob = `GET /v1/leads/${'a'.repeat(8000)}/x`;
    const problems = requestProblems(readRequestDocument(blob), fixtureIndex(), API_URL);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].replacement, undefined);
  });

  it('reads a description whose schemas name themselves (a tree of items, allOf of itself)', () => {
    const yaml = [
      'openapi: 3.1.0',
      'info: { title: Trees, version: "1" }',
      'paths:',
      '  /v1/trees:',
      '    get:',
      '      summary: Trees',
      '      responses:',
      '        "200":',
      '          description: ok',
      '          content:',
      '            application/json:',
      '              schema: { $ref: "#/components/schemas/Tree" }',
      '  /v1/loops:',
      '    get:',
      '      summary: Loops',
      '      responses:',
      '        "200":',
      '          description: ok',
      '          content:',
      '            application/json:',
      '              schema: { $ref: "#/components/schemas/Loop" }',
      'components:',
      '  schemas:',
      '    Tree: { type: array, items: { $ref: "#/components/schemas/Tree" } }',
      '    Loop: { allOf: [ { $ref: "#/components/schemas/Loop" } ] }',
    ].join('\n');
    const read = readApiDescription(yaml, 'trees.yaml');
    assert.ok(read.ok, read.ok ? '' : `${read.pointer}: ${read.problem}`);
    assert.deepEqual(
      read.contract.operations.map((operation) => operation.path),
      ['/v1/trees', '/v1/loops'],
    );
    for (const operation of read.contract.operations) assert.ok(operation.answer.length < 400, operation.answer);
  });

  it('speaks to any path under the API\'s URL (a description of your own may have /users), to bare paths only under /v1', () => {
    const users = { method: 'GET', path: '/users', tag: 'Users', summary: 'Users', description: 'Users, described.', answer: '{ data: [] }',
      parameters: [{ name: 'limit', in: 'query' as const, required: false, type: 'integer', maximum: 10 }] };
    const index = fixtureIndex([users]);
    const problemsOf = (text: string) => requestProblems(readRequestDocument(text), index, API_URL).map((problem) => problem.code);
    assert.equal(problemsOf('GET {{boomtown.apiUrl}}/users?limit=99').length, 1, 'the limit above the maximum');
    assert.equal(problemsOf(`GET ${API_URL}/users?limit=99`).length, 1);
    assert.deepEqual(problemsOf('GET /users?limit=99'), [], 'a bare path outside /v1 is not sent to BoomTown');
    const { document, at } = withCursor('GET {{boomtown.apiUrl}}/us|ers');
    assert.match(hoverAt(document, at, index, API_URL)?.markdown ?? '', /Users, described/);
  });
});
