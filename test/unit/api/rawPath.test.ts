import assert from 'node:assert/strict';
import { validateRawPath } from '../../../src/core/api/rawPath';
import { isBoomTownError } from '../../../src/core/shared/errors';

describe('validateRawPath ("Send Request…")', () => {
  const base = 'https://api.example.test';
  const accepted: Array<[input: string, expected: string, apiUrl?: string]> = [
    ['/v1/leads', '/v1/leads'],
    ['v1/leads?limit=5', '/v1/leads?limit=5'],
    ['  /v1/me  ', '/v1/me'],
    ['/v1', '/v1'],
    ['/v1/leads?q=ada nguyen', '/v1/leads?q=ada%20nguyen'],
    ['https://api.example.test/v1/agents?limit=2', '/v1/agents?limit=2'],
    ['HTTPS://API.EXAMPLE.TEST/v1/me', '/v1/me'],
    ['/v1/leads/L%2D1', '/v1/leads/L%2D1'],
    // A base URL with a path prefix: paths are relative to it.
    ['/v1/me', '/v1/me', 'http://127.0.0.1:9999/prefix'],
    ['http://127.0.0.1:9999/prefix/v1/me', '/v1/me', 'http://127.0.0.1:9999/prefix'],
  ];
  for (const [input, expected, apiUrl] of accepted) {
    it(`accepts ${JSON.stringify(input)} as ${expected}`, () => assert.equal(validateRawPath(input, apiUrl ?? base), expected));
  }

  const refused: Array<[input: string, apiUrl?: string]> = [
    [''],
    ['https://evil.example/v1/leads'],
    ['http://api.example.test/v1/leads'], // other scheme = other origin
    ['https://api.example.test:8443/v1/leads'],
    ['//evil.example/v1/leads'],
    ['https://user:pw@api.example.test/v1/me'],
    ['/v1/../oauth/token'],
    ['/v1/leads/..'],
    ['/v1/%2e%2e/admin'],
    ['/v1/leads/%2E%2E/%2e%2E/x'],
    ['/v1/./leads'],
    ['/v1/a%2fb'],
    ['/v1\\..\\admin'],
    ['/oauth/token'],
    ['/v2/leads'],
    ['/v1leads'],
    ['/v1/leads#frag'],
    ['/v1/leads\n/x'],
    ['/v1/%zz'],
    ['javascript:alert(1)'],
    ['file:///etc/passwd'],
    ['http://127.0.0.1:9999/v1/me', 'http://127.0.0.1:9999/prefix'], // outside the base path
  ];
  for (const [input, apiUrl] of refused) {
    it(`refuses ${JSON.stringify(input)} with badInput`, () => {
      assert.throws(() => validateRawPath(input, apiUrl ?? base), (error) => isBoomTownError(error, 'badInput'));
    });
  }
});

describe('validateRawPath: climbing out of a base path (Send Request…, the chat tool apiGet, BoomTownApi.getRaw)', () => {
  const GATEWAY = 'http://host.example.test/gw';
  for (const input of ['/v1/../../admin/x', 'GET /v1/../../admin/x'.slice(4), '/v1/..;/admin', '/v1/.%2e/admin', '/v1/%2e./admin', 'http://host.example.test/gw/v1/../../admin', '/v1/%5cadmin']) {
    it(`refuses ${JSON.stringify(input)} under ${GATEWAY}`, () => {
      assert.throws(() => validateRawPath(input, GATEWAY), (error) => isBoomTownError(error, 'badInput'));
    });
  }
});
