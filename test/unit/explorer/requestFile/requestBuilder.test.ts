import assert from 'node:assert/strict';
import { buildRequest, classifyRequest } from '../../../../src/core/explorer/requestFile/requestBuilder';
import { parseRequestFile } from '../../../../src/core/explorer/requestFile/requestFileParser';
import { isBoomTownError } from '../../../../src/core/shared/errors';
import { file } from '../helpers/requestFileBuilders';
import { resolveVariables } from '../../../../src/core/explorer/requestFile/variables';

const API = 'https://api.example.test';

function first(text: string, apiUrl = API) {
  const parsed = parseRequestFile(text);
  return { parsed, block: parsed.requests[0], apiUrl };
}

function build(text: string, apiUrl = API) {
  const { parsed, block } = first(text, apiUrl);
  return buildRequest(block, parsed, apiUrl);
}

function kind(text: string, apiUrl = API) {
  const { parsed, block } = first(text, apiUrl);
  return classifyRequest(block, parsed, apiUrl).kind;
}

describe('which requests are BoomTown\'s', () => {
  const TABLE: Array<[title: string, text: string, expected: string, apiUrl?: string]> = [
    ['an absolute URL under the API', `GET ${API}/v1/me`, 'boomtown'],
    ['a /v1/ path', 'GET /v1/leads?limit=5', 'boomtown'],
    ['/v1 with a query', '/v1?x=1', 'boomtown'],
    ['{{boomtown.apiUrl}}', 'GET {{boomtown.apiUrl}}/v1/agents', 'boomtown'],
    ['{{ name }} with spaces inside the braces, then HTTP/1.1', file('@baseUrl = {{ boomtown.apiUrl }}', 'GET {{ baseUrl }}/v1/leads?stage=new HTTP/1.1'), 'boomtown'],
    ['a file variable holding the API', file('@api = https://api.example.test', 'GET {{api}}/v1/me'), 'boomtown'],
    ['another host', 'GET https://example.com/v1/me', 'foreign'],
    ['the API host on another port', 'GET https://api.example.test:8443/v1/me', 'foreign'],
    ['http instead of https', 'GET http://api.example.test/v1/me', 'foreign'],
    ['a host that only starts like the API', 'GET https://api.example.test.evil.test/v1/me', 'foreign'],
    ['credentials in the URL', 'GET https://user:pw@api.example.test/v1/me', 'foreign'],
    ['a path outside /v1/', 'GET /oauth/token', 'foreign'],
    ['a relative path', 'GET v1/me', 'foreign'],
    ['an undefined variable in the URL', 'GET {{nowhere}}/v1/me', 'unresolved'],
    ['an API with a base path: under it', 'GET https://gw.example.test/boomtown/v1/me', 'boomtown', 'https://gw.example.test/boomtown'],
    ['an API with a base path: outside it', 'GET https://gw.example.test/other/v1/me', 'foreign', 'https://gw.example.test/boomtown'],
    ['an API with a base path: /v1/ resolves under it', 'GET /v1/me', 'boomtown', 'https://gw.example.test/boomtown'],
    ['the sandbox on loopback', 'GET http://127.0.0.2:4711/v1/me', 'boomtown', 'http://127.0.0.2:4711'],
  ];
  for (const [title, text, expected, apiUrl] of TABLE) it(title, () => assert.equal(kind(text, apiUrl), expected));
});

describe('building a request', () => {
  it('resolves /v1/ paths against the API (base path included) and defaults the method to GET', () => {
    const built = build('/v1/leads?q=a b', 'https://gw.example.test/boomtown/');
    assert.equal(built.method, 'GET');
    assert.equal(built.url, 'https://gw.example.test/boomtown/v1/leads?q=a%20b');
  });

  it('resolves variables in URL, headers and body, through other variables', () => {
    const built = build(file('@id = L-1', '@path = /v1/leads/{{id}}', '@who = Ada', 'PUT {{path}}', 'X-Who: {{ who }}', '', '{"name": "{{who}}"}'));
    assert.equal(built.url, `${API}/v1/leads/L-1`);
    assert.deepEqual(built.headers, [['X-Who', 'Ada'], ['Content-Type', 'application/json']]);
    assert.equal(built.body, '{"name": "Ada"}');
  });

  it('names an undefined variable, and a cycle, as bad input', () => {
    for (const text of ['GET /v1/me\nX-A: {{missing}}', file('@a = {{b}}', '@b = {{a}}', 'GET /v1/me', 'X: {{a}}')]) {
      assert.throws(() => build(text), (error: unknown) => isBoomTownError(error, 'badInput') && /missing|refers to itself/.test(error.message));
    }
  });

  it('refuses a foreign request with a message naming where it goes', () => {
    assert.throws(() => build('GET https://example.com/v1/me'), (error: unknown) => isBoomTownError(error, 'badInput') && error.message.includes('https://example.com/v1/me'));
  });

  it('keeps a written Content-Type, and drops Host and Content-Length (the transport sets them)', () => {
    const built = build(file('POST /v1/x', 'Host: evil.test', 'Content-Length: 1', 'Content-Type: text/csv', '', 'a,b'));
    assert.deepEqual(built.headers, [['Content-Type', 'text/csv']]);
    assert.equal(built.body, 'a,b');
  });

  it('joins a form body written over several lines', () => {
    const built = build(file('POST /v1/x', '', 'a=1', '&b=two%20words'));
    assert.deepEqual(built.headers, [['Content-Type', 'application/x-www-form-urlencoded']]);
    assert.equal(built.body, 'a=1&b=two%20words');
  });

  it('sends no body with HEAD', () => assert.equal(build(file('HEAD /v1/me', '', 'ignored')).body, undefined));

  it('notes a request that sets its own Authorization, and the account it names', () => {
    const own = build(file('# @account ada@example.com', 'GET /v1/me', 'authorization: Bearer mine'));
    assert.equal(own.ownAuthorization, true);
    assert.equal(own.account, 'ada@example.com');
    assert.equal(build('GET /v1/me').ownAuthorization, false);
  });

  const CONTENT_TYPES: Array<[string, string]> = [
    ['{"a": 1}', 'application/json'],
    ['  [1, 2]', 'application/json'],
    ['a=1&b=2', 'application/x-www-form-urlencoded'],
    ['name=Ada%20N', 'application/x-www-form-urlencoded'],
    ['hello world', 'text/plain; charset=utf-8'],
    ['<xml/>', 'text/plain; charset=utf-8'],
  ];
  for (const [body, expected] of CONTENT_TYPES) {
    it(`defaults Content-Type of ${JSON.stringify(body)} to ${expected}`, () => {
      const built = build(file('POST /v1/leads', '', body));
      assert.equal(built.body, body);
      assert.deepEqual(built.headers.filter(([name]) => name.toLowerCase() === 'content-type'), [['Content-Type', expected]]);
    });
  }
});

describe('a path that leaves the API base path gets no lens and is never built', () => {
  const GATEWAY = 'http://host.example.test/gw';
  const CLIMBING = [
    'GET /v1/../../admin/x',
    'GET /v1/leads/..',
    'GET /v1/./leads',
    'GET /v1/%2e%2e/%2E%2E/admin',
    'GET /v1/.%2e/.%2E/admin',
    'GET /v1/%2e./admin',
    'GET /v1/..;/..;/admin',
    'GET /v1/..\\..\\admin',
    'GET /v1/%5c..%5cadmin',
    'GET /v1/..%2f..%2fadmin',
    `GET ${GATEWAY}/v1/../../admin/x`,
    `GET ${GATEWAY}/v1/%2e%2e/%2e%2e/admin/x?q=1`,
    'GET {{boomtown.apiUrl}}/v1/../../admin/x',
    file('@up = ..', 'GET /v1/{{up}}/{{up}}/admin/x'),
  ];
  for (const text of CLIMBING) {
    it(`${JSON.stringify(text)}: no lens, and a badInput naming the rule`, () => {
      assert.notEqual(kind(text, GATEWAY), 'boomtown');
      assert.throws(
        () => build(text, GATEWAY),
        (error: unknown) => isBoomTownError(error, 'badInput') && /"\." or "\.\." segments|not "\\"/.test(error.message),
      );
    });
  }

  it('dots elsewhere are fine: in a segment, in the query', () => {
    assert.equal(build('GET /v1/leads/a..b?next=../x', GATEWAY).url, `${GATEWAY}/v1/leads/a..b?next=../x`);
    assert.equal(kind('GET /v1/leads/.hidden', GATEWAY), 'boomtown');
  });
});

describe('{{references}}, found by scanning', () => {
  const variables = new Map([['a', { value: '1' }], ['b c', { value: '2' }]]);
  const cases: Array<[string, string]> = [
    ['{{a}}', '1'],
    ['{{ a }}x{{\ta\t}}', '1x1'],
    ['{{{a}}', '{1'],
    ['{{a}}}', '1}'],
    ['{{a}b}}', '{{a}b}}'],
    ['{{ b c }}', '2'],
    ['{{', '{{'],
    ['x}}{{a}}', 'x}}1'],
  ];
  for (const [text, expected] of cases) it(`${text} -> ${expected}`, () => assert.equal(resolveVariables(text, variables, {}), expected));
});
