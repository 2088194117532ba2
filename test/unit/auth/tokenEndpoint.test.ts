import assert from 'node:assert/strict';
import { Agent } from 'undici';
import { classifyTokenError, type CodeExchange, type RefreshRequest, type RevokeRequest, TokenEndpoint } from '../../../src/core/auth/tokenEndpoint';
import { BoomTownError, type ErrorReason } from '../../../src/core/shared/errors';
import { silentLogger } from '../../../src/core/shared/logger';
import type { Dispatcher } from 'undici';
import { tokenAnswer } from './helpers/builders';
import { closedPort, loopbackServer } from '../../support/loopback';
import { MockBoomTown } from './helpers/mockBoomTown';
import { manualCancellation, reasonOf } from './helpers/outcomes';

const credentials = { clientId: 'client-1', clientSecret: 'client-secret-1' };
const NOW = 1_700_000_000_000;

/** The endpoint with every request addressed to `authUrl`, as the session layer addresses it. */
function endpoint(dispatcher: Dispatcher, authUrl: string, timeoutMs = 2000) {
  const inner = new TokenEndpoint({ dispatcher, timeoutMs, revokeTimeoutMs: timeoutMs, logger: silentLogger, now: () => NOW });
  return {
    exchangeCode: (request: Omit<CodeExchange, 'authUrl'>) => inner.exchangeCode({ ...request, authUrl }),
    refresh: (request: Omit<RefreshRequest, 'authUrl'>) => inner.refresh({ ...request, authUrl }),
    revoke: (request: Omit<RevokeRequest, 'authUrl'>) => inner.revoke({ ...request, authUrl }),
  };
}


describe('TokenEndpoint', () => {
  let server: MockBoomTown;
  beforeEach(() => (server = new MockBoomTown()));
  afterEach(() => server.close());

  it('exchanges a code with exactly the RFC 6749 form fields, the same redirect URI string and the verifier', async () => {
    const redirectUri = 'https://code.example.test/callback?vscode-query=a%3Db&x=1';
    const tokens = await endpoint(server.agent, server.authUrl).exchangeCode({
      code: 'code-1',
      redirectUri,
      codeVerifier: 'v'.repeat(43),
      credentials,
      requestedScopes: ['leads:read'],
    });
    assert.equal(server.tokenForms.length, 1);
    assert.equal(server.tokenHeaders[0]['content-type'], 'application/x-www-form-urlencoded');
    const form = server.tokenForms[0];
    assert.deepEqual(Object.fromEntries(form), {
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: redirectUri,
      client_id: 'client-1',
      client_secret: 'client-secret-1',
      code_verifier: 'v'.repeat(43),
    });
    assert.equal(tokens.accessToken, server.issued[0].access_token);
    assert.equal(tokens.expiresAt, NOW + 3600_000);
  });

  it('refreshes with the refresh grant and keeps the old refresh token when none comes back', async () => {
    server.onToken = () => ({ status: 200, body: tokenAnswer({ access_token: 'at-new', refresh_token: undefined, scope: undefined }) });
    const tokens = await endpoint(server.agent, server.authUrl).refresh({ refreshToken: 'rt-old', credentials, previousScopes: ['leads:read'] });
    assert.deepEqual(Object.fromEntries(server.tokenForms[0]), { grant_type: 'refresh_token', refresh_token: 'rt-old', client_id: 'client-1', client_secret: 'client-secret-1' });
    assert.equal(tokens.accessToken, 'at-new');
    assert.equal(tokens.refreshToken, 'rt-old');
    assert.deepEqual(tokens.scopes, ['leads:read']);
  });

  it('maps failed answers to typed errors', async () => {
    const table: Array<[string, { status: number; body: unknown }, ErrorReason, string?]> = [
      ['invalid_grant', { status: 400, body: { error: 'invalid_grant', error_description: 'expired' } }, 'invalidGrant', 'invalid_grant'],
      ['invalid_client', { status: 401, body: { error: 'invalid_client' } }, 'invalidClient', 'invalid_client'],
      ['invalid_request', { status: 400, body: { error: 'invalid_request' } }, 'oauthError', 'invalid_request'],
      ['unsupported_grant_type', { status: 400, body: { error: 'unsupported_grant_type' } }, 'oauthError', 'unsupported_grant_type'],
      ['503 with HTML', { status: 503, body: '<html>down</html>' }, 'serverError'],
      ['500 with an OAuth body', { status: 500, body: { error: 'invalid_grant' } }, 'serverError'],
      ['429', { status: 429, body: '' }, 'rateLimited'],
      ['404 HTML (wrong auth URL)', { status: 404, body: '<html>not here</html>' }, 'malformedResponse'],
      ['200 HTML', { status: 200, body: '<html>login</html>' }, 'malformedResponse'],
      ['200 without access_token', { status: 200, body: { token_type: 'Bearer' } }, 'malformedResponse'],
    ];
    for (const [name, reply, reason, serverCode] of table) {
      server.onToken = () => reply;
      try {
        await endpoint(server.agent, server.authUrl).refresh({ refreshToken: 'rt-secret-value', credentials, previousScopes: [] });
        assert.fail(`${name}: expected an error`);
      } catch (error) {
        assert.ok(error instanceof BoomTownError, name);
        assert.equal(error.reason, reason, name);
        if (serverCode) assert.equal(error.serverCode, serverCode, name);
        assert.ok(!error.message.includes('rt-secret-value'), name);
        assert.ok(!error.message.includes('client-secret-1'), name);
      }
    }
  });

  it('classifyTokenError is decided by status first, then the OAuth error code', () => {
    const table: Array<[number, string, ErrorReason]> = [
      [400, '{"error":"invalid_grant"}', 'invalidGrant'],
      [401, '{"error":"invalid_client"}', 'invalidClient'],
      [400, '{"error":"invalid_scope"}', 'oauthError'],
      [400, 'not json', 'malformedResponse'],
      [401, '', 'malformedResponse'],
      [502, '{"error":"invalid_client"}', 'serverError'],
      [429, '{"error":"slow_down"}', 'rateLimited'],
    ];
    for (const [status, body, reason] of table) assert.equal(classifyTokenError(status, body).reason, reason, `${status} ${body}`);
  });

  it('revokes with the RFC 7009 form, and a missing endpoint (404) is fine', async () => {
    const tokenEndpoint = endpoint(server.agent, server.authUrl);
    await tokenEndpoint.revoke({ token: 'rt-1', hint: 'refresh_token', credentials });
    assert.deepEqual(Object.fromEntries(server.revokeForms[0]), { token: 'rt-1', token_type_hint: 'refresh_token', client_id: 'client-1', client_secret: 'client-secret-1' });
    server.onRevoke = () => ({ status: 404, body: 'Not found' });
    await tokenEndpoint.revoke({ token: 'rt-1', hint: 'refresh_token', credentials });
    server.onRevoke = () => ({ status: 503, body: '' });
    assert.equal(await reasonOf(tokenEndpoint.revoke({ token: 'rt-1', hint: 'refresh_token', credentials })), 'serverError');
  });

  describe('over loopback', () => {
    let agent: Agent;
    beforeEach(() => (agent = new Agent()));
    afterEach(() => agent.close());

    it('times out a server that never answers', async () => {
      const silent = await loopbackServer(() => undefined);
      try {
        const started = Date.now();
        assert.equal(await reasonOf(endpoint(agent, silent.url, 150).refresh({ refreshToken: 'rt', credentials, previousScopes: [] })), 'timeout');
        assert.ok(Date.now() - started < 2000);
      } finally {
        await silent.close();
      }
    });

    it('times out a server that stalls in the middle of the body', async () => {
      const stalling = await loopbackServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"access_token":');
      });
      try {
        assert.equal(await reasonOf(endpoint(agent, stalling.url, 150).refresh({ refreshToken: 'rt', credentials, previousScopes: [] })), 'timeout');
      } finally {
        await stalling.close();
      }
    });

    it('reports a refused connection and a dropped socket as network errors', async () => {
      assert.equal(await reasonOf(endpoint(agent, await closedPort()).refresh({ refreshToken: 'rt', credentials, previousScopes: [] })), 'network');
      const dropping = await loopbackServer((request) => request.socket.destroy());
      try {
        assert.equal(await reasonOf(endpoint(agent, dropping.url).refresh({ refreshToken: 'rt', credentials, previousScopes: [] })), 'network');
      } finally {
        await dropping.close();
      }
    });

    it('is cancelled by the cancellation of a sign-in', async () => {
      const silent = await loopbackServer(() => undefined);
      const { cancellation, cancel } = manualCancellation();
      try {
        const exchange = endpoint(agent, silent.url, 5000).exchangeCode({ code: 'c', redirectUri: 'http://127.0.0.1/callback', codeVerifier: 'v'.repeat(43), credentials, requestedScopes: [], cancellation });
        setTimeout(() => cancel(), 50);
        assert.equal(await reasonOf(exchange), 'cancelled');
      } finally {
        await silent.close();
      }
    });
  });
});
