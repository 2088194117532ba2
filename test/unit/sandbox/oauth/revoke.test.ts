import assert from 'node:assert/strict';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../../sandbox/index';
import { apiGet, httpRequest, postOAuth, refresh, signIn } from '../../../sandbox/drivers/testClient';
import { useSandbox } from '../helpers';

describe('sandbox POST /oauth/revoke (RFC 7009)', () => {
  const fixture = useSandbox(() => ({ autoApprove: true }));
  const revoke = (token: string, hint?: string) => postOAuth(fixture.url, '/oauth/revoke', { token, ...(hint ? { token_type_hint: hint } : {}) });

  it('revoking the refresh token ends the chain: 200, its access token answers 401, refresh is invalid_grant', async () => {
    const session = await signIn(fixture.url);
    const answer = await revoke(session.refreshToken!, 'refresh_token');
    assert.equal(answer.status, 200);
    assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 401);
    assert.equal((await refresh(fixture.url, session.refreshToken!)).json.error, 'invalid_grant');
  });

  it('revoking an access token ends only that token (the hint is only a hint)', async () => {
    const session = await signIn(fixture.url);
    assert.equal((await revoke(session.accessToken, 'refresh_token')).status, 200);
    assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 401);
    const refreshed = await refresh(fixture.url, session.refreshToken!);
    assert.equal(refreshed.status, 200);
    assert.equal((await apiGet(fixture.url, '/v1/me', refreshed.json.access_token)).status, 200);
  });

  it('answers 200 for an unknown or already revoked token', async () => {
    assert.equal((await revoke('bt_rt_never-issued')).status, 200);
    const session = await signIn(fixture.url);
    await revoke(session.refreshToken!);
    assert.equal((await revoke(session.refreshToken!)).status, 200);
  });

  it('accepts HTTP Basic and JSON bodies too', async () => {
    const session = await signIn(fixture.url);
    const answer = await postOAuth(fixture.url, '/oauth/revoke', { token: session.refreshToken! }, { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, auth: 'basic', json: true });
    assert.equal(answer.status, 200);
    assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 401);
  });

  it('needs the token parameter (400 invalid_request) and client authentication (401 invalid_client)', async () => {
    assert.equal((await postOAuth(fixture.url, '/oauth/revoke', {})).json.error, 'invalid_request');
    const session = await signIn(fixture.url);
    const answer = await postOAuth(fixture.url, '/oauth/revoke', { token: session.refreshToken! }, { clientId: DEFAULT_CLIENT_ID, clientSecret: 'wrong' });
    assert.equal(answer.status, 401);
    assert.equal(answer.json.error, 'invalid_client');
    assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 200);
  });

  it('is POST only', async () => {
    const answer = await httpRequest(`${fixture.url}/oauth/revoke`);
    assert.equal(answer.status, 405);
    assert.equal(answer.json.error.code, 'bad_request');
  });
});

describe('sandbox POST /oauth/revoke by another client', () => {
  const other = { clientId: 'other-app', clientSecret: 'other-secret', name: 'Other', redirectUris: ['http://127.0.0.1/callback'] };
  const fixture = useSandbox(() => ({ autoApprove: true, clients: [{ ...other, clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }, other] }));

  it('answers 200 but leaves a token it was not issued untouched', async () => {
    const session = await signIn(fixture.url);
    const answer = await postOAuth(fixture.url, '/oauth/revoke', { token: session.refreshToken! }, { clientId: other.clientId, clientSecret: other.clientSecret });
    assert.equal(answer.status, 200);
    assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 200);
    assert.equal((await refresh(fixture.url, session.refreshToken!)).status, 200);
  });
});
