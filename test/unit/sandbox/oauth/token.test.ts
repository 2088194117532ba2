import assert from 'node:assert/strict';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../../sandbox/index';
import { apiGet, authorizeCode, exchangeCode, headerOf, httpRequest, postOAuth, type AuthorizedCode, type ClientCredentials } from '../../../sandbox/drivers/testClient';
import { useSandbox } from '../helpers';

const credentials = (overrides: Partial<ClientCredentials> = {}): ClientCredentials => ({ clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, ...overrides });

const secondClient = {
  clientId: 'second-client',
  clientSecret: 'second-secret',
  name: 'Second app',
  redirectUris: ['http://127.0.0.1/callback'],
};

describe('sandbox POST /oauth/token: authorization_code', () => {
  const fixture = useSandbox(() => ({ autoApprove: true, clients: [{ ...secondClient, clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }, secondClient] }));
  const codeParams = (authorized: AuthorizedCode, overrides: Record<string, string> = {}) => ({
    grant_type: 'authorization_code',
    code: authorized.code,
    redirect_uri: authorized.redirectUri,
    code_verifier: authorized.pkce.verifier,
    ...overrides,
  });

  for (const [label, creds] of [
    ['form body, secret in the body', credentials()],
    ['form body, HTTP Basic', credentials({ auth: 'basic' })],
    ['JSON body, secret in the body', credentials({ json: true })],
    ['JSON body, HTTP Basic', credentials({ json: true, auth: 'basic' })],
  ] as const) {
    it(`answers the contract's token body (${label})`, async () => {
      const answer = await exchangeCode(fixture.url, await authorizeCode(fixture.url), creds);
      assert.equal(answer.status, 200);
      assert.match(headerOf(answer, 'content-type') ?? '', /^application\/json/);
      assert.equal(headerOf(answer, 'cache-control'), 'no-store');
      assert.deepEqual(Object.keys(answer.json).sort(), ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
      assert.match(answer.json.access_token, /^bt_at_/);
      assert.match(answer.json.refresh_token, /^bt_rt_/);
      assert.equal(answer.json.token_type, 'Bearer');
      assert.equal(answer.json.expires_in, 3600);
      assert.equal(answer.json.scope, 'offline_access leads:read agents:read profile');
      assert.equal((await apiGet(fixture.url, '/v1/me', answer.json.access_token)).status, 200);
    });
  }

  it('gives no refresh token without offline_access', async () => {
    const answer = await exchangeCode(fixture.url, await authorizeCode(fixture.url, { scope: 'leads:read profile' }));
    assert.equal(answer.status, 200);
    assert.equal(answer.json.refresh_token, undefined);
    assert.equal(answer.json.scope, 'leads:read profile');
  });

  it('leaves expires_in out when includeExpiresIn is false, and uses accessTokenTtlSeconds', async () => {
    fixture.sandbox.setOptions({ includeExpiresIn: false });
    assert.equal((await exchangeCode(fixture.url, await authorizeCode(fixture.url))).json.expires_in, undefined);
    fixture.sandbox.setOptions({ includeExpiresIn: true, accessTokenTtlSeconds: 5 });
    assert.equal((await exchangeCode(fixture.url, await authorizeCode(fixture.url))).json.expires_in, 5);
  });

  describe('client authentication', () => {
    it('unknown client or wrong secret in the body: 401 invalid_client without a Basic challenge', async () => {
      for (const creds of [credentials({ clientSecret: 'wrong' }), credentials({ clientId: 'nobody' })]) {
        const answer = await exchangeCode(fixture.url, await authorizeCode(fixture.url), creds);
        assert.equal(answer.status, 401);
        assert.equal(answer.json.error, 'invalid_client');
        assert.ok(answer.json.error_description);
        assert.equal(headerOf(answer, 'www-authenticate'), undefined);
      }
    });

    it('wrong secret over HTTP Basic: 401 invalid_client with WWW-Authenticate: Basic', async () => {
      const answer = await exchangeCode(fixture.url, await authorizeCode(fixture.url), credentials({ auth: 'basic', clientSecret: 'wrong' }));
      assert.equal(answer.status, 401);
      assert.equal(answer.json.error, 'invalid_client');
      assert.match(headerOf(answer, 'www-authenticate') ?? '', /^Basic realm=/);
    });

    it('a Basic header that is not Basic credentials: 401 invalid_client', async () => {
      const answer = await httpRequest(`${fixture.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic !!!' },
        body: 'grant_type=refresh_token&refresh_token=x',
      });
      assert.equal(answer.status, 401);
      assert.match(headerOf(answer, 'www-authenticate') ?? '', /^Basic/);
    });

    it('missing client_secret: 401 invalid_client', async () => {
      const answer = await httpRequest(`${fixture.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: DEFAULT_CLIENT_ID }).toString(),
      });
      assert.equal(answer.status, 401);
      assert.equal(answer.json.error, 'invalid_client');
    });

    it('Basic and client_secret together: 400 invalid_request', async () => {
      const authorized = await authorizeCode(fixture.url);
      const basic = `Basic ${Buffer.from(`${DEFAULT_CLIENT_ID}:${DEFAULT_CLIENT_SECRET}`).toString('base64')}`;
      const answer = await httpRequest(`${fixture.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
        body: new URLSearchParams({ ...codeParams(authorized), client_secret: DEFAULT_CLIENT_SECRET }).toString(),
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.error, 'invalid_request');
    });
  });

  describe('request errors', () => {
    const send = (body: string, contentType = 'application/x-www-form-urlencoded') =>
      httpRequest(`${fixture.url}/oauth/token`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const withClient = (params: Record<string, string>) => new URLSearchParams({ ...params, client_id: DEFAULT_CLIENT_ID, client_secret: DEFAULT_CLIENT_SECRET }).toString();

    const cases: Array<[string, () => Promise<Awaited<ReturnType<typeof send>>>, number, string]> = [
      ['an unsupported content type', () => send('grant_type=x', 'text/plain'), 400, 'invalid_request'],
      ['invalid JSON', () => send('{"grant_type":', 'application/json'), 400, 'invalid_request'],
      ['a non-string JSON value', () => send(JSON.stringify({ grant_type: 'refresh_token', refresh_token: 1, client_id: DEFAULT_CLIENT_ID, client_secret: DEFAULT_CLIENT_SECRET }), 'application/json'), 400, 'invalid_request'],
      ['a repeated parameter', () => send(`${withClient({ grant_type: 'refresh_token' })}&grant_type=refresh_token`), 400, 'invalid_request'],
      ['no grant_type', () => send(withClient({})), 400, 'invalid_request'],
      ['grant_type=password', () => send(withClient({ grant_type: 'password' })), 400, 'unsupported_grant_type'],
      ['no code', () => send(withClient({ grant_type: 'authorization_code', redirect_uri: 'x', code_verifier: 'y' })), 400, 'invalid_request'],
      ['an unknown code', () => send(withClient({ grant_type: 'authorization_code', code: 'bt_code_nope', redirect_uri: 'x', code_verifier: 'y' })), 400, 'invalid_grant'],
    ];
    for (const [name, act, status, error] of cases) {
      it(`${name}: ${status} ${error}`, async () => {
        const answer = await act();
        assert.equal(answer.status, status);
        assert.equal(answer.json.error, error);
        assert.equal(typeof answer.json.error_description, 'string');
      });
    }

    it('no redirect_uri or no code_verifier: invalid_request', async () => {
      const authorized = await authorizeCode(fixture.url);
      for (const missing of ['redirect_uri', 'code_verifier']) {
        const params: Record<string, string> = codeParams(authorized);
        delete params[missing];
        const answer = await postOAuth(fixture.url, '/oauth/token', params);
        assert.equal(answer.json.error, 'invalid_request', missing);
      }
    });
  });

  describe('code checks (invalid_grant)', () => {
    it('PKCE: a verifier that does not match the challenge', async () => {
      const authorized = await authorizeCode(fixture.url);
      const answer = await postOAuth(fixture.url, '/oauth/token', codeParams(authorized, { code_verifier: 'x'.repeat(43) }));
      assert.equal(answer.status, 400);
      assert.equal(answer.json.error, 'invalid_grant');
      assert.match(answer.json.error_description, /code_verifier/);
    });

    it('PKCE: a malformed verifier', async () => {
      const authorized = await authorizeCode(fixture.url);
      const answer = await postOAuth(fixture.url, '/oauth/token', codeParams(authorized, { code_verifier: 'short' }));
      assert.equal(answer.json.error, 'invalid_grant');
    });

    it('a redirect_uri that is not the identical string (even if it would match)', async () => {
      const authorized = await authorizeCode(fixture.url, { redirectUri: 'http://127.0.0.1:5000/callback' });
      const answer = await postOAuth(fixture.url, '/oauth/token', codeParams(authorized, { redirect_uri: 'http://127.0.0.1:5001/callback' }));
      assert.equal(answer.json.error, 'invalid_grant');
      assert.match(answer.json.error_description, /redirect_uri/);
    });

    it('a code of another client', async () => {
      const authorized = await authorizeCode(fixture.url);
      const answer = await exchangeCode(fixture.url, authorized, credentials({ clientId: secondClient.clientId, clientSecret: secondClient.clientSecret }));
      assert.equal(answer.json.error, 'invalid_grant');
    });

    it('a code that expired (codeTtlSeconds, default 600)', async () => {
      const authorized = await authorizeCode(fixture.url);
      fixture.clock.tick(600_000);
      const answer = await exchangeCode(fixture.url, authorized);
      assert.equal(answer.json.error, 'invalid_grant');
      assert.match(answer.json.error_description, /expired/);
    });

    it('a failed attempt does not use the code up', async () => {
      const authorized = await authorizeCode(fixture.url);
      await postOAuth(fixture.url, '/oauth/token', codeParams(authorized, { code_verifier: 'x'.repeat(43) }));
      assert.equal((await exchangeCode(fixture.url, authorized)).status, 200);
    });

    it('a code used twice: invalid_grant, and the tokens issued from it are revoked', async () => {
      const authorized = await authorizeCode(fixture.url);
      const first = await exchangeCode(fixture.url, authorized);
      assert.equal(first.status, 200);
      const second = await exchangeCode(fixture.url, authorized);
      assert.equal(second.status, 400);
      assert.equal(second.json.error, 'invalid_grant');
      assert.equal((await apiGet(fixture.url, '/v1/me', first.json.access_token)).status, 401);
      const refreshed = await postOAuth(fixture.url, '/oauth/token', { grant_type: 'refresh_token', refresh_token: first.json.refresh_token });
      assert.equal(refreshed.json.error, 'invalid_grant');
    });
  });
});

describe('sandbox codeTtlSeconds', () => {
  const fixture = useSandbox(() => ({ autoApprove: true, codeTtlSeconds: 30 }));

  it('codes live exactly that long', async () => {
    const early = await authorizeCode(fixture.url);
    fixture.clock.tick(29_000);
    assert.equal((await exchangeCode(fixture.url, early)).status, 200);
    const late = await authorizeCode(fixture.url);
    fixture.clock.tick(30_000);
    assert.equal((await exchangeCode(fixture.url, late)).json.error, 'invalid_grant');
  });
});
