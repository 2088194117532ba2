import assert from 'node:assert/strict';
import { DEFAULT_API_URL, DEFAULT_AUTH_URL, normalizeBaseUrl, resolveConfig } from '../../../src/core/shared/config';

describe('resolveConfig', () => {
  it('uses the real hosts by default and reports a missing client id', () => {
    const config = resolveConfig({}, {});
    assert.equal(config.authUrl, DEFAULT_AUTH_URL);
    assert.equal(config.apiUrl, DEFAULT_API_URL);
    assert.equal(config.clientId, undefined);
    assert.deepEqual(config.sources, { authUrl: 'default', apiUrl: 'default', clientId: 'missing' });
    assert.deepEqual(config.problems, []);
  });

  it('prefers a setting over the environment over the default', () => {
    const env = { BOOMTOWN_AUTH_URL: 'http://127.0.0.1:9000/', BOOMTOWN_API_URL: 'http://127.0.0.1:9001', BOOMTOWN_CLIENT_ID: ' env-client ' };
    const fromEnv = resolveConfig({}, env);
    assert.equal(fromEnv.authUrl, 'http://127.0.0.1:9000');
    assert.equal(fromEnv.clientId, 'env-client');
    assert.deepEqual(fromEnv.sources, { authUrl: 'environment', apiUrl: 'environment', clientId: 'environment' });
    const fromSettings = resolveConfig({ authUrl: 'https://auth.example.test', apiUrl: 'https://api.example.test/base/', clientId: 'set' }, env);
    assert.equal(fromSettings.authUrl, 'https://auth.example.test');
    assert.equal(fromSettings.apiUrl, 'https://api.example.test/base');
    assert.equal(fromSettings.clientId, 'set');
    assert.deepEqual(fromSettings.sources, { authUrl: 'setting', apiUrl: 'setting', clientId: 'setting' });
  });

  it('reports a bad setting and falls back to the next source', () => {
    const config = resolveConfig({ authUrl: 'ftp://x', apiUrl: 42, clientId: '  ' }, { BOOMTOWN_AUTH_URL: 'http://127.0.0.1:1' });
    assert.equal(config.authUrl, 'http://127.0.0.1:1');
    assert.equal(config.sources.authUrl, 'environment');
    assert.equal(config.apiUrl, DEFAULT_API_URL);
    assert.equal(config.clientId, undefined);
    assert.equal(config.problems.length, 1);
    assert.match(config.problems[0], /boomtown\.authUrl/);
  });
});

describe('normalizeBaseUrl', () => {
  it('accepts http(s) base URLs only', () => {
    const table: Array<[string, string | undefined]> = [
      ['https://a.example', 'https://a.example'],
      [' https://a.example/ ', 'https://a.example'],
      ['http://127.0.0.1:8080/path//', 'http://127.0.0.1:8080/path'],
      ['https://a.example/?q=1', undefined],
      ['https://a.example/#x', undefined],
      ['https://user:pw@a.example', undefined],
      ['file:///etc', undefined],
      ['not a url', undefined],
    ];
    for (const [input, expected] of table) assert.equal(normalizeBaseUrl(input), expected, input);
  });
});
