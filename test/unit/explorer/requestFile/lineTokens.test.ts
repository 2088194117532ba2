import assert from 'node:assert/strict';
import { classifyLines, TOKEN_KINDS } from '../../../../src/core/explorer/requestFile/lineTokens';
import { file, manyRequests } from '../helpers/requestFileBuilders';

/** Tokens as "line:text=kind", so a table row reads like the highlighted file. */
function render(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  return classifyLines(text).map((t) => `${t.line}:${lines[t.line].slice(t.start, t.start + t.length)}=${TOKEN_KINDS[t.kind]}`);
}

describe('basic highlighting of request files', () => {
  it('marks separators, comments, variables, the request line, headers and body references', () => {
    const text = file('@api = https://a.test', '### one', '# note', 'POST {{api}}/v1/x HTTP/1.1', '    ?a=1', 'Content-Type: application/json', '', '{"id": "{{id}}"}', '# in the body, not a comment');
    assert.deepEqual(render(text), [
      '0:@api=variable',
      '0:https://a.test=string',
      '1:### one=comment',
      '2:# note=comment',
      '3:POST=keyword',
      '3:{{api}}/v1/x HTTP/1.1=string',
      '4:    ?a=1=string',
      '5:Content-Type=property',
      '5:application/json=string',
      '7:{{id}}=variable',
    ]);
  });

  it('a URL without a method, CRLF', () => assert.deepEqual(render('https://a.test/v1/me\r\nX: 1'), ['0:https://a.test/v1/me=string', '1:X=property', '1:1=string']));

  it('never produces overlapping tokens, in document order, on a big file', () => {
    const tokens = classifyLines(manyRequests(500));
    for (let i = 1; i < tokens.length; i++) {
      const [a, b] = [tokens[i - 1], tokens[i]];
      assert.ok(b.line > a.line || (b.line === a.line && b.start >= a.start + a.length), `token ${i} overlaps`);
    }
  });
});
