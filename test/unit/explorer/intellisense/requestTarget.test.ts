import assert from 'node:assert/strict';
import { readRequestDocument, requestTarget } from '../../../../src/core/explorer/intellisense/requestTarget';
import { API_URL } from './contractFixture';

/** The target of the file's first request, as path text, method and query names. */
function targetOf(...lines: string[]) {
  const document = readRequestDocument(lines.join('\n'));
  const target = requestTarget(document, document.file.requests[0], API_URL);
  return target && { method: target.method, path: target.path.text, query: target.query.map((part) => part.name.text) };
}

describe('the BoomTown target of a request line', () => {
  it('a line without a method is a GET', () => {
    assert.deepEqual(targetOf(`${API_URL}/v1/leads?q=a`), { method: 'GET', path: '/v1/leads', query: ['q'] });
  });

  it("a file variable whose value is the API's URL is the API; one for another host is not", () => {
    assert.deepEqual(targetOf('@api = {{boomtown.apiUrl}}/', 'GET {{api}}/v1/me'), { method: 'GET', path: '/v1/me', query: [] });
    assert.deepEqual(targetOf(`@api = ${API_URL}`, 'DELETE {{api}}/v1/leads/1'), { method: 'DELETE', path: '/v1/leads/1', query: [] });
    assert.equal(targetOf('@other = https://elsewhere.test', 'GET {{other}}/v1/me'), undefined);
    assert.equal(targetOf('GET {{undefinedVariable}}/v1/me'), undefined);
  });

  it("the API's URL alone or before ?, but not a longer host path that starts like it", () => {
    assert.deepEqual(targetOf(`GET ${API_URL}`), { method: 'GET', path: '', query: [] });
    assert.deepEqual(targetOf(`GET ${API_URL}?x=1`), { method: 'GET', path: '', query: ['x'] });
    assert.equal(targetOf(`GET ${API_URL}ball/v1/me`), undefined);
  });

  it('a {{ name }} reference with spaces inside its braces is part of the target, which still ends before HTTP/1.1', () => {
    assert.deepEqual(targetOf('@api = {{boomtown.apiUrl}}', 'GET {{ api }}/v1/leads'), { method: 'GET', path: '/v1/leads', query: [] });
    assert.deepEqual(targetOf(`@baseUrl = ${API_URL}`, 'GET {{ baseUrl }}/v1/leads?stage=new HTTP/1.1'), { method: 'GET', path: '/v1/leads', query: ['stage'] });
    assert.deepEqual(targetOf('GET {{\tboomtown.apiUrl  }}/v1/leads/{{ id }}/notes?limit={{ limit }}&offset=5 HTTP/1.1'), {
      method: 'GET',
      path: '/v1/leads/{{ id }}/notes',
      query: ['limit', 'offset'],
    });
  });

  it('an unclosed {{ reads no further than the first space after it', () => {
    assert.deepEqual(targetOf('GET /v1/leads?q={{ x HTTP/1.1'), { method: 'GET', path: '/v1/leads', query: ['q'] });
    assert.equal(targetOf('GET {{ boomtown.apiUrl /v1/me }}'), undefined);
  });

  it('an unclosed {{ or a path glued to the URL is not a BoomTown target', () => {
    assert.equal(targetOf('GET {{boomtown.apiUrl/v1/me'), undefined);
    assert.equal(targetOf('GET {{boomtown.apiUrl}}v1/me'), undefined);
  });
});
