import assert from 'node:assert/strict';
import { DEFAULT_API_URL, DEFAULT_AUTH_URL, normalizeBaseUrl, resolveConfig } from '../../../src/core/shared/config';
import { parseJsonc } from '../../../src/core/shared/jsonc';
import { chooseServerSettings, SERVER_SETTINGS, serverSettingsIn } from '../../../src/core/shared/serverSettings';

describe('resolveConfig', () => {
  it('uses the real hosts by default and reports a missing client id', () => {
    const config = resolveConfig({}, {});
    assert.equal(config.authUrl, DEFAULT_AUTH_URL);
    assert.equal(config.apiUrl, DEFAULT_API_URL);
    assert.equal(config.clientId, undefined);
    assert.deepEqual(config.sources, { authUrl: 'default', apiUrl: 'default', clientId: 'missing', clientAuthentication: 'default', issuer: 'default', authorizeParameters: 'default', signInFlow: 'default', redirectUri: 'default', loopbackPort: 'default' });
    assert.deepEqual(config.problems, []);
  });

  it('prefers a setting over the environment over the default', () => {
    const env = { BOOMTOWN_AUTH_URL: 'http://127.0.0.1:9000/', BOOMTOWN_API_URL: 'http://127.0.0.1:9001', BOOMTOWN_CLIENT_ID: ' env-client ' };
    const fromEnv = resolveConfig({}, env);
    assert.equal(fromEnv.authUrl, 'http://127.0.0.1:9000');
    assert.equal(fromEnv.clientId, 'env-client');
    assert.deepEqual(fromEnv.sources, { authUrl: 'environment', apiUrl: 'environment', clientId: 'environment', clientAuthentication: 'default', issuer: 'default', authorizeParameters: 'default', signInFlow: 'default', redirectUri: 'default', loopbackPort: 'default' });
    const fromSettings = resolveConfig({ authUrl: 'https://auth.example.test', apiUrl: 'https://api.example.test/base/', clientId: 'set' }, env);
    assert.equal(fromSettings.authUrl, 'https://auth.example.test');
    assert.equal(fromSettings.apiUrl, 'https://api.example.test/base');
    assert.equal(fromSettings.clientId, 'set');
    assert.deepEqual(fromSettings.sources, { authUrl: 'setting', apiUrl: 'setting', clientId: 'setting', clientAuthentication: 'default', issuer: 'default', authorizeParameters: 'default', signInFlow: 'default', redirectUri: 'default', loopbackPort: 'default' });
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

describe('server settings: the user value, never a workspace one', () => {
  const userValues = {
    authUrl: 'https://auth.user.example',
    apiUrl: 'https://api.user.example/base',
    clientId: 'user-client',
    clientAuthentication: 'basic',
    issuer: 'https://issuer.user.example',
    authorizeParameters: { audience: 'user' },
    signInFlow: 'deviceCode',
    redirectUri: 'https://app.user.example/callback',
    loopbackPort: 33418,
  } as const;
  const workspaceValues = {
    authUrl: 'https://auth.attacker.example',
    apiUrl: 'https://api.attacker.example',
    clientId: 'attacker-client',
    clientAuthentication: 'body',
    issuer: 'https://issuer.attacker.example',
    authorizeParameters: { audience: 'attacker' },
    signInFlow: 'redirectUri',
    redirectUri: 'https://attacker.example/steal',
    loopbackPort: 8080,
  } as const;

  it('reads the global value of each server setting whatever the workspace and folder values say', () => {
    for (const key of SERVER_SETTINGS) {
      const chosen = chooseServerSettings((asked) => ({
        globalValue: userValues[asked],
        workspaceValue: asked === key ? workspaceValues[asked] : undefined,
        workspaceFolderValue: asked === key ? workspaceValues[asked] : undefined,
      }));
      const config = resolveConfig(chosen.settings, {});
      assert.equal(config.authUrl, userValues.authUrl, key);
      assert.equal(config.apiUrl, userValues.apiUrl, key);
      assert.equal(config.clientId, userValues.clientId, key);
      assert.equal(config.clientAuthentication, userValues.clientAuthentication, key);
      assert.equal(config.issuer, userValues.issuer, key);
      assert.deepEqual(config.authorizeParameters, { ok: true, parameters: { audience: 'user' } }, key);
      assert.equal(config.signInFlow, userValues.signInFlow, key);
      assert.equal(config.redirectUri, userValues.redirectUri, key);
      assert.equal(config.loopbackPort, userValues.loopbackPort, key);
      assert.deepEqual(
        chosen.ignored.map(({ key: k, scope }) => `${k} ${scope}`),
        [`${key} workspace`, `${key} workspace folder`],
      );
    }
  });

  it('falls back to the environment and the defaults, not to a workspace value, when the user set nothing', () => {
    const chosen = chooseServerSettings((key) => ({ workspaceValue: workspaceValues[key] }));
    const config = resolveConfig(chosen.settings, { BOOMTOWN_API_URL: 'http://127.0.0.1:9001' });
    assert.equal(config.authUrl, DEFAULT_AUTH_URL);
    assert.equal(config.apiUrl, 'http://127.0.0.1:9001');
    assert.equal(config.clientId, undefined);
    assert.equal(config.issuer, new URL(DEFAULT_AUTH_URL).origin);
    assert.equal(chosen.ignored.length, SERVER_SETTINGS.length);
    assert.equal(config.signInFlow, 'auto');
    assert.equal(config.redirectUri, undefined);
    assert.equal(config.loopbackPort, undefined);
  });

  it('checks the sign-in settings: an unknown flow, a URI with a fragment and a port out of range are reported and not used', () => {
    const config = resolveConfig({ signInFlow: 'carrier-pigeon', redirectUri: 'https://app.example/cb#x', loopbackPort: 80 }, {});
    assert.equal(config.signInFlow, 'auto');
    assert.equal(config.redirectUri, undefined);
    assert.equal(config.loopbackPort, undefined);
    assert.equal(config.problems.length, 3);
    const good = resolveConfig({ signInFlow: 'loopback', redirectUri: ' https://app.example/callback ', loopbackPort: 33418 }, {});
    assert.deepEqual([good.signInFlow, good.redirectUri, good.loopbackPort, good.problems], ['loopback', 'https://app.example/callback', 33418, []]);
  });

  it('finds the server settings a workspace settings file sets, dotted or nested, with comments and trailing commas', () => {
    const text = '{\n  // a cloned repository\n  "boomtown.apiUrl": "https://api.attacker.example", /* note */\n  "boomtown": { "authUrl": "https://auth.attacker.example", },\n  "editor.fontSize": 12,\n}';
    assert.deepEqual(serverSettingsIn(parseJsonc(text)), { apiUrl: 'https://api.attacker.example', authUrl: 'https://auth.attacker.example' });
    assert.deepEqual(serverSettingsIn(parseJsonc('{"a": "// not a comment", "boomtown.clientId": "x,}"}')), { clientId: 'x,}' });
    assert.equal(parseJsonc('{ broken'), undefined);
  });
});
