import assert from 'node:assert/strict';
import { refuseOutside, sessionUrl } from '../../../src/core/api/apiBase';
import { isBoomTownError } from '../../../src/core/shared/errors';

describe('where a session token may go (refuseOutside, sessionUrl)', () => {
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
    const accepted = (url: string, apiUrl: string) => {
      try {
        refuseOutside(new URL(url), apiUrl);
        return true;
      } catch (error) {
        assert.ok(isBoomTownError(error, 'badInput'), String(error));
        return false;
      }
    };
    for (const [url, expected] of table) assert.equal(accepted(url, 'http://api.example/gw'), expected, url);
    assert.equal(accepted('http://api.example/anything', 'http://api.example'), true);
  });

  it('refuses a path that leaves the base path once dot segments are resolved, before anything is sent', () => {
    assert.equal(sessionUrl('http://api.example/gw', '/v1/leads?limit=1').toString(), 'http://api.example/gw/v1/leads?limit=1');
    assert.throws(() => sessionUrl('http://api.example/gw', '/v1/../../admin/x'), (error) => isBoomTownError(error, 'badInput'));
  });
});
