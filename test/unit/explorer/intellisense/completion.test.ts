import assert from 'node:assert/strict';
import { completionsAt } from '../../../../src/core/explorer/intellisense/completion';
import { API_URL, fixtureIndex, STAGES, withCursor } from './contractFixture';

function complete(...lines: string[]) {
  const { document, at } = withCursor(...lines);
  return completionsAt(document, at, fixtureIndex(), API_URL);
}

describe('request-file completion', () => {
  it('offers the paths of the method after it, each with its summary, replacing what is written', () => {
    const items = complete('GET /v1/|');
    assert.deepEqual(
      items.map((item) => [item.label, item.detail]),
      [
        ['/v1/me', 'The signed-in user'],
        ['/v1/leads', 'Search leads'],
        ['/v1/leads/{id}', 'One lead'],
        ['/v1/leads/{id}/notes', "A lead's notes"],
        ['/v1/agents', 'Agents'],
      ],
    );
    assert.deepEqual([items[0].range.start, items[0].range.end], [4, 8]);
    assert.equal(items[2].insertText, '/v1/leads/{{id}}');
  });

  it('offers paths after {{boomtown.apiUrl}} and after the API URL itself', () => {
    assert.equal(complete('GET {{boomtown.apiUrl}}/v1/l|').length, 5);
    assert.equal(complete(`GET ${API_URL}/|`).length, 5);
  });

  it('reads a target whose {{ name }} references have spaces inside the braces', () => {
    assert.equal(complete('@api = {{boomtown.apiUrl}}', 'GET {{ api }}/v1/l|').length, 5);
    assert.deepEqual(complete(`@baseUrl = ${API_URL}`, 'GET {{ baseUrl }}/v1/leads?stage=| HTTP/1.1').map((item) => item.label), [...STAGES]);
    assert.deepEqual(complete('GET /v1/leads/{{ id }}/notes?|').map((item) => item.label), ['limit', 'offset']);
  });

  it('offers nothing for another host or a path that is not the API', () => {
    assert.deepEqual(complete('GET https://elsewhere.test/v1/|'), []);
    assert.deepEqual(complete('GET /v2/|'), []);
    assert.deepEqual(complete('POST /v1/|'), [], 'the contract has no POST');
  });

  it("offers the operation's query parameters after ? and &, without those already written", () => {
    assert.deepEqual(complete('GET /v1/leads?|').map((item) => item.label), ['q', 'stage', 'sort', 'limit', 'offset']);
    assert.deepEqual(complete('GET /v1/leads?q=a&s|').map((item) => item.label), ['stage', 'sort', 'limit', 'offset']);
    assert.equal(complete('GET /v1/leads?|')[0].insertText, 'q=');
    assert.deepEqual(complete('GET /v1/leads', '    ?q=a', '    &|').map((item) => item.label), ['stage', 'sort', 'limit', 'offset']);
    assert.deepEqual(complete('GET /v1/leads/{{id}}/notes?|').map((item) => item.label), ['limit', 'offset']);
  });

  it('offers the enum values after =', () => {
    assert.deepEqual(complete('GET /v1/leads?stage=|').map((item) => item.label), [...STAGES]);
    assert.deepEqual(complete('GET /v1/leads?q=x&sort=|&limit=5').map((item) => item.label), ['name', '-name']);
    assert.deepEqual(complete('GET /v1/leads?q=|'), [], 'q has no enum');
  });

  it("offers the file's variables and {{boomtown.apiUrl}} after {{", () => {
    const items = complete('@leadId = L-1', '@limit = 25', 'GET {{|');
    assert.deepEqual(items.map((item) => [item.label, item.insertText]), [
      ['leadId', 'leadId}}'],
      ['limit', 'limit}}'],
      ['boomtown.apiUrl', 'boomtown.apiUrl}}'],
    ]);
    assert.equal(items[2].detail, API_URL);
    const closed = complete('@leadId = L-1', 'GET /v1/leads/{{le|}}');
    assert.deepEqual(closed.map((item) => item.insertText), ['leadId', 'boomtown.apiUrl']);
    assert.deepEqual([closed[0].range.start, closed[0].range.end], [16, 18]);
  });

  it('renaming a written parameter keeps its value: the name alone is inserted', () => {
    const items = complete('GET /v1/leads?st|age=new');
    assert.equal(items[0].label, 'q');
    assert.deepEqual(items.map((item) => item.insertText), ['q', 'stage', 'sort', 'limit', 'offset']);
    assert.deepEqual([items[0].range.start, items[0].range.end], [14, 19]);
  });

  it('offers nothing outside a request, in the query of another path, or after the target', () => {
    assert.deepEqual(complete('# notes |about the API', '@limit = 25'), [], 'a file with no request yet');
    assert.deepEqual(complete('GET /v2/leads?|'), [], 'not an API path');
    assert.deepEqual(complete('GET /v1/nope?|'), [], 'no such operation');
    assert.deepEqual(complete('GET /v1/leads HTTP/1.1|'), [], 'the HTTP version');
  });

  it('replaces the whole variable name around the cursor after {{', () => {
    const items = complete('@leadId = L-1', 'GET /v1/leads/{{le|adI}}');
    assert.deepEqual(items.map((item) => item.insertText), ['leadId', 'boomtown.apiUrl']);
    assert.deepEqual([items[0].range.start, items[0].range.end, items[0].range.text], [16, 21, 'leadI']);
  });
});
