import assert from 'node:assert/strict';
import { isUnderBase, sessionUrl } from '../../../src/core/api/apiBase';
import { isBoomTownError } from '../../../src/core/shared/errors';

describe('where a session token may go (isUnderBase, sessionUrl)', () => {
  it('accepts URLs on the session API origin under its base path only', () => {
    const table: Array<[string, boolean]> = [
      ['http://api.example/gw/v1/me', true],
      ['http://api.example/gw', true],
      ['http://api.example/gwx/v1/me', false],
      ['http://api.example/admin/x', false],
      ['https://api.example/gw/v1/me', false],
      ['http://api.example:8080/gw/v1/me', false],
      ['http://other.example/gw/v1/me', false],
      ['http://user:pw@api.example/gw/v1/me', false],
    ];
    for (const [url, expected] of table) assert.equal(isUnderBase(new URL(url), 'http://api.example/gw'), expected, url);
    assert.equal(isUnderBase(new URL('http://api.example/anything'), 'http://api.example'), true);
  });

  it('refuses a path that leaves the base path once dot segments are resolved, before anything is sent', () => {
    assert.equal(sessionUrl('http://api.example/gw', '/v1/leads?limit=1').toString(), 'http://api.example/gw/v1/leads?limit=1');
    assert.throws(() => sessionUrl('http://api.example/gw', '/v1/../../admin/x'), (error) => isBoomTownError(error, 'badInput'));
  });
});
