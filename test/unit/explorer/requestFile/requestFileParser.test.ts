import assert from 'node:assert/strict';
import { parseRequestFile, requestAtLine } from '../../../../src/core/explorer/requestFile/requestFileParser';
import type { RequestBlock } from '../../../../src/core/explorer/requestFile/requestFileTypes';
import { file, manyRequests } from '../helpers/requestFileBuilders';

type Expected = Partial<Pick<RequestBlock, 'method' | 'target' | 'name' | 'account' | 'body' | 'requestLine' | 'startLine' | 'endLine'>> & { headers?: Array<[string, string]> };

/** Each row: a snippet as people write it, and the requests it must yield. */
const TABLE: Array<{ title: string; text: string; requests: Expected[]; variables?: Record<string, string> }> = [
  { title: 'a bare URL is a GET', text: 'https://api.example.test/v1/me', requests: [{ method: undefined, target: 'https://api.example.test/v1/me', requestLine: 0, body: undefined }] },
  { title: 'method, URL and HTTP version', text: 'GET /v1/me HTTP/1.1', requests: [{ method: 'GET', target: '/v1/me' }] },
  {
    title: 'separators with names, and the text before the first one',
    text: file('GET /v1/me', '', '### list leads', 'GET /v1/leads', '###', 'GET /v1/agents'),
    requests: [
      { target: '/v1/me', name: undefined, startLine: 0, endLine: 1 },
      { target: '/v1/leads', name: 'list leads', startLine: 2, endLine: 3 },
      { target: '/v1/agents', name: undefined, startLine: 4, endLine: 5 },
    ],
  },
  {
    title: 'file variables anywhere, later ones win, values trimmed',
    text: file('@host = https://a.test', '###', '@limit   =   5  ', 'GET {{host}}/v1/leads?limit={{limit}}', '###', '@host = https://b.test'),
    requests: [{ target: '{{host}}/v1/leads?limit={{limit}}' }],
    variables: { host: 'https://b.test', limit: '5' },
  },
  {
    title: '# and // comments, # @name and // @account metadata',
    text: file('# a comment', '// @name me', '# @account ada@example.com', 'GET /v1/me', '# comment between headers', 'Accept: application/json'),
    requests: [{ name: 'me', account: 'ada@example.com', requestLine: 3, headers: [['Accept', 'application/json']] }],
  },
  { title: 'the ### text wins over # @name', text: file('### from separator', '# @name from comment', 'GET /v1/me'), requests: [{ name: 'from separator' }] },
  {
    title: 'headers, blank line, JSON body; trailing blank and comment lines are no body',
    text: file('POST /v1/leads', 'Content-Type: application/json', 'X-Empty:', '', '{', '  "firstName": "Ada"', '}', '', '# next one follows', ''),
    requests: [{ method: 'POST', headers: [['Content-Type', 'application/json'], ['X-Empty', '']], body: '{\n  "firstName": "Ada"\n}' }],
  },
  { title: 'a body without the blank line', text: file('POST /v1/leads', '{"a": 1}'), requests: [{ method: 'POST', headers: [], body: '{"a": 1}' }] },
  {
    title: 'multi-line query continuation',
    text: file('GET /v1/leads', '    ?q=smith', '    &stage=new', 'Accept: application/json'),
    requests: [{ target: '/v1/leads?q=smith&stage=new', headers: [['Accept', 'application/json']] }],
  },
  { title: 'odd spacing around the request line and headers', text: file('   ', '  PATCH    /v1/leads/L-1    HTTP/2  ', '  X-A :  b  '), requests: [{ method: 'PATCH', target: '/v1/leads/L-1', headers: [['X-A', 'b']] }] },
  { title: 'CRLF line ends', text: 'GET /v1/me\r\nAccept: text/plain\r\n\r\nbody line\r\n', requests: [{ target: '/v1/me', headers: [['Accept', 'text/plain']], body: 'body line' }] },
  { title: 'old Mac CR line ends', text: 'GET /v1/me\rX-A: 1', requests: [{ headers: [['X-A', '1']] }] },
  { title: 'a block of only comments and variables is no request', text: file('# just notes', '@a = 1', '###', '// nothing'), requests: [] },
  { title: 'an empty file', text: '', requests: [] },
  { title: 'lowercase words are a URL, not a method', text: 'get /v1/me', requests: [{ method: undefined, target: 'get /v1/me' }] },
  { title: 'every method', text: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => `${m} /v1/x\n###`).join('\n'), requests: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({ method })) },
  // Read by scanning now (no backtracking patterns): the edges those patterns decided stay as they were.
  { title: 'only the last HTTP/ word is the version', text: 'GET /v1/a HTTP/1.1 HTTP/1.1', requests: [{ method: 'GET', target: '/v1/a HTTP/1.1' }] },
  { title: 'a version alone is the target', text: 'GET HTTP/1.1', requests: [{ method: 'GET', target: 'HTTP/1.1' }] },
  { title: 'a method alone is the target', text: 'GET   ', requests: [{ method: undefined, target: 'GET' }] },
  { title: 'HTTP/ that is no version stays', text: 'GET /v1/a\tHTTP/x', requests: [{ method: 'GET', target: '/v1/a\tHTTP/x' }] },
  { title: 'tabs around the method, the target and a header', text: file('\tGET\t\t/v1/a\t\tHTTP/1.1\t', '\tX-A\t:\tb c\t'), requests: [{ method: 'GET', target: '/v1/a', headers: [['X-A', 'b c']] }] },
  {
    title: 'metadata needs a value and a space after its keyword; a variable needs its =',
    text: file('# @name', '# @namex y', '#   @account   ada@example.com  ', '@w =', 'GET /v1/a'),
    requests: [{ name: undefined, account: 'ada@example.com', target: '/v1/a' }],
  },
  { title: 'a line of @v without = is the request line', text: file('@v', 'GET /v1/a'), requests: [{ target: '@v' }] },
  { title: 'a form body over several lines', text: file('POST /v1/x', 'Content-Type: application/x-www-form-urlencoded', '', 'a=1', '&b=2'), requests: [{ body: 'a=1\n&b=2' }] },
];

describe('request file parser', () => {
  for (const row of TABLE) {
    it(row.title, () => {
      const parsed = parseRequestFile(row.text);
      assert.equal(parsed.requests.length, row.requests.length, JSON.stringify(parsed.requests));
      row.requests.forEach((expected, index) => {
        const actual = parsed.requests[index];
        const { headers, ...fields } = expected;
        for (const [key, value] of Object.entries(fields)) assert.deepEqual(actual[key as keyof RequestBlock], value, `${key} of request ${index}`);
        if (headers) assert.deepEqual(actual.headers.map((h) => [h.name, h.value]), headers);
      });
      if (row.variables) assert.deepEqual(Object.fromEntries([...parsed.variables].map(([name, v]) => [name, v.value])), row.variables);
    });
  }

  it('finds the request around a line, the ### line included, and none on a line before any request', () => {
    const parsed = parseRequestFile(file('@a = 1', '', '### one', 'GET /v1/me', '', '### two', 'GET /v1/agents'));
    assert.equal(requestAtLine(parsed, 0), undefined);
    assert.equal(requestAtLine(parsed, 2)?.name, 'one');
    assert.equal(requestAtLine(parsed, 4)?.name, 'one');
    assert.equal(requestAtLine(parsed, 5)?.name, 'two');
    assert.equal(requestAtLine(parsed, 6)?.name, 'two');
    assert.equal(requestAtLine(parsed, 99), undefined);
  });

  it('reads a 1,000-request file (CRLF) completely, each request on its own lines', () => {
    const parsed = parseRequestFile(manyRequests(1000, '\r\n'));
    const posts = parsed.requests.filter((r) => r.method === 'POST');
    assert.equal(parsed.requests.length, 1000 + posts.length);
    assert.equal(posts.length, 334);
    assert.equal(parsed.requests[0].name, 'request 0');
    assert.equal(posts[0].body, '{"body": "note 0"}');
    const gets = parsed.requests.filter((r) => r.method === 'GET');
    assert.equal(gets[gets.length - 1].target, '{{api}}/v1/leads?limit={{limit}}&offset=999');
    assert.equal(parsed.requests[parsed.requests.length - 1].target, '/v1/leads/L-11000/notes');
    for (let i = 1; i < parsed.requests.length; i++) assert.ok(parsed.requests[i].startLine > parsed.requests[i - 1].endLine);
  });
});
