import assert from 'node:assert/strict';
import { renderAnswer } from '../../../src/core/explorer/answerDocument';
import { anExchange } from './helpers/exchanges';

describe('the answer document', () => {
  it('shows request line, status, time, size, every header, then the JSON pretty-printed', () => {
    const text = renderAnswer(anExchange({ response: { headers: { 'x-ratelimit-remaining': '9', 'content-type': 'application/json' }, bodyText: '{"id":12345678901234567890}' } }));
    const lines = text.split('\n');
    assert.equal(lines[0], '// GET https://api.example.test/v1/leads?limit=2');
    assert.equal(lines[1], '// 200 OK · 12 ms · 27 B');
    assert.deepEqual(lines.slice(2, 4), ['// content-type: application/json', '// x-ratelimit-remaining: 9']);
    assert.ok(text.includes('"id": 12345678901234567890'), 'big numbers shown as sent');
  });

  it('shows a non-JSON body as comments, so nothing in it can end the comment or hide', () => {
    const text = renderAnswer(anExchange({ response: { status: 502, bodyText: '<html>\r\nbad\u001b[31m gateway</html>' } }));
    assert.ok(text.includes('// 502 Bad Gateway'));
    assert.ok(text.includes('// <html>\n// bad\ufffd[31m gateway</html>'));
  });

  it('says so when the body is empty, or was cut by the history', () => {
    assert.ok(renderAnswer(anExchange({ response: { status: 204, bodyText: '' } })).includes('// (empty body)'));
    assert.ok(renderAnswer(anExchange({ response: { cutAt: 65536 } })).includes('first 65,536 characters'));
  });
});
