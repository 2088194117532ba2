import assert from 'node:assert/strict';
import { Redactor } from '../../../src/core/shared/redact';

describe('Redactor', () => {
  it('masks registered values wherever they appear, also URL-encoded', () => {
    const redactor = new Redactor();
    const secret = 'sk/live+value=1';
    redactor.add(secret);
    assert.equal(redactor.redact(`a ${secret} b ${encodeURIComponent(secret)} c`), 'a *** b *** c');
  });

  it('ignores values too short to mask safely, and empty ones', () => {
    const redactor = new Redactor();
    redactor.add('abc', '', undefined, null);
    assert.equal(redactor.redact('abc def'), 'abc def');
  });

  it('masks well-known shapes even when nothing is registered', () => {
    const table: Array<[string, string]> = [
      ['grant_type=refresh_token&refresh_token=rt-123&client_id=c', 'grant_type=refresh_token&refresh_token=***&client_id=c'],
      ['code=abc&state=xyz', 'code=***&state=***'],
      ['{"access_token": "at-1", "token_type": "Bearer"}', '{"access_token": "***", "token_type": "Bearer"}'],
      ['{"refreshToken":"rt\\"x"}', '{"refreshToken":"***"}'],
      ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer ***'],
      ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic ***'],
      ['opened vscode://ext/callback?code=1&state=2 ok', 'opened vscode://ext/callback?*** ok'],
      ['client_secret=s3cr3t', 'client_secret=***'],
      ['nothing secret here: leads=5', 'nothing secret here: leads=5'],
    ];
    for (const [input, expected] of table) assert.equal(new Redactor().redact(input), expected, input);
  });
});
