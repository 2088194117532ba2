import assert from 'node:assert/strict';
import { prettyJson } from '../../../src/core/explorer/prettyJson';
import { renderRawDocument } from '../../../src/core/explorer/rawDocument';
import type { RawExchange } from '../../../src/core/api/apiTypes';

function exchange(overrides: Partial<RawExchange> = {}): RawExchange {
  return {
    method: 'GET',
    url: 'https://api.example.test/v1/leads?limit=2',
    status: 200,
    durationMs: 42,
    headers: { 'content-type': 'application/json', 'x-ratelimit-remaining': '9', server: 'x' },
    bodyText: '{"data":[],"_metadata":{"offset":0,"limit":2}}',
    attempts: 1,
    ...overrides,
  };
}

/** Strips `//` line comments outside strings (what a JSONC reader does) and parses the rest. */
function parseJsonc(text: string): unknown {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n');
  return withoutComments.trim() === '' ? undefined : JSON.parse(withoutComments);
}

describe('raw JSON documents', () => {
  it('puts the request line, status, time and useful headers on top as comments, then the body', () => {
    const text = renderRawDocument(exchange());
    const lines = text.split('\n');
    assert.equal(lines[0], '// GET https://api.example.test/v1/leads?limit=2');
    assert.equal(lines[1], '// 200 · 42 ms');
    assert.ok(lines.includes('// x-ratelimit-remaining: 9'));
    assert.ok(!text.includes('server: x'));
    assert.deepEqual(parseJsonc(text), { data: [], _metadata: { offset: 0, limit: 2 } });
    assert.match(text, /\n {2}"data": \[\],\n/);
  });

  it('says how many attempts it took when there were retries', () => {
    assert.match(renderRawDocument(exchange({ attempts: 3 })), /^\/\/ 200 · 42 ms · 3 attempts$/m);
  });

  it('shows a body that is not JSON as comments only, so nothing in it is code', () => {
    const html = '<html>\n<body>*/ "oops" \u2028 next\r\nend\u0007</body>';
    const text = renderRawDocument(exchange({ status: 502, bodyText: html }));
    const lines = text.trimEnd().split('\n');
    assert.ok(lines.every((line) => line.startsWith('//')), text);
    assert.equal(parseJsonc(text), undefined);
    assert.ok(text.includes('//   <body>*/ "oops" '));
    assert.ok(text.includes('//    next'));
    assert.ok(!text.includes('\u0007'));
  });

  it('marks an empty body', () => {
    assert.match(renderRawDocument(exchange({ status: 204, bodyText: '' })), /\/\/ \(empty body\)\n$/);
  });

  describe('prettyJson', () => {
    it('keeps numbers exactly as sent (big integer ids are not rounded)', () => {
      assert.equal(prettyJson('{"id":12345678901234567890,"n":1.50}'), '{\n  "id": 12345678901234567890,\n  "n": 1.50\n}');
    });
    it('keeps strings with escapes, brackets and commas untouched', () => {
      const text = '{"a":"x\\",{[ ]}, y","b":[1,{}],"c":[]}';
      const pretty = prettyJson(text)!;
      assert.deepEqual(JSON.parse(pretty), JSON.parse(text));
      assert.ok(pretty.includes('"x\\",{[ ]}, y"'));
      assert.ok(pretty.includes('"c": []'));
    });
    it('returns undefined for text that is not JSON', () => {
      assert.equal(prettyJson('{"a":'), undefined);
      assert.equal(prettyJson('  '), undefined);
    });
  });
});
