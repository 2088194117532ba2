import assert from 'node:assert/strict';
import { apiGet, postOAuth, refresh, signIn } from '../../../sandbox/drivers/testClient';
import { useSandbox } from '../helpers';

const otherClient = { clientId: 'other-app', clientSecret: 'other-secret', name: 'Other', redirectUris: ['http://127.0.0.1/callback'] };

describe('sandbox POST /oauth/token: refresh_token', () => {
  describe('with rotation and reuse detection (the defaults)', () => {
    const fixture = useSandbox(() => ({ autoApprove: true }));

    it('rotates: a new refresh token, a new access token, the same scope; the old refresh token stops working', async () => {
      const session = await signIn(fixture.url, { scope: 'offline_access leads:read' });
      const answer = await refresh(fixture.url, session.refreshToken!);
      assert.equal(answer.status, 200);
      assert.equal(answer.json.token_type, 'Bearer');
      assert.equal(answer.json.expires_in, 3600);
      assert.equal(answer.json.scope, 'offline_access leads:read');
      assert.match(answer.json.refresh_token, /^bt_rt_/);
      assert.notEqual(answer.json.refresh_token, session.refreshToken);
      assert.notEqual(answer.json.access_token, session.accessToken);
      assert.equal((await apiGet(fixture.url, '/v1/me', answer.json.access_token)).status, 200);
      // The new one keeps working, the chain goes on.
      assert.equal((await refresh(fixture.url, answer.json.refresh_token)).status, 200);
    });

    it('reuse of a rotated refresh token: invalid_grant and the whole chain is revoked, current access token included', async () => {
      const session = await signIn(fixture.url);
      const rotated = await refresh(fixture.url, session.refreshToken!);
      const reused = await refresh(fixture.url, session.refreshToken!);
      assert.equal(reused.status, 400);
      assert.equal(reused.json.error, 'invalid_grant');
      const me = await apiGet(fixture.url, '/v1/me', rotated.json.access_token);
      assert.equal(me.status, 401);
      assert.equal(me.json.error.code, 'invalid_token');
      assert.equal((await refresh(fixture.url, rotated.json.refresh_token)).json.error, 'invalid_grant');
    });

    it('another sign-in is not affected by one chain being revoked', async () => {
      const victim = await signIn(fixture.url);
      const bystander = await signIn(fixture.url);
      await refresh(fixture.url, victim.refreshToken!);
      await refresh(fixture.url, victim.refreshToken!);
      assert.equal((await apiGet(fixture.url, '/v1/me', bystander.accessToken)).status, 200);
      assert.equal((await refresh(fixture.url, bystander.refreshToken!)).status, 200);
    });

    it('may narrow the scope, never widen it', async () => {
      const session = await signIn(fixture.url, { scope: 'offline_access leads:read profile' });
      const narrowed = await postOAuth(fixture.url, '/oauth/token', { grant_type: 'refresh_token', refresh_token: session.refreshToken!, scope: 'leads:read' });
      assert.equal(narrowed.status, 200);
      assert.equal(narrowed.json.scope, 'leads:read');
      const widened = await postOAuth(fixture.url, '/oauth/token', { grant_type: 'refresh_token', refresh_token: narrowed.json.refresh_token, scope: 'leads:read agents:read' });
      assert.equal(widened.status, 400);
      assert.equal(widened.json.error, 'invalid_scope');
      // The next refresh without a scope gets the whole grant again.
      assert.equal((await refresh(fixture.url, narrowed.json.refresh_token)).json.scope, 'offline_access leads:read profile');
    });

    it('unknown or missing refresh token', async () => {
      assert.equal((await refresh(fixture.url, 'bt_rt_unknown')).json.error, 'invalid_grant');
      assert.equal((await postOAuth(fixture.url, '/oauth/token', { grant_type: 'refresh_token' })).json.error, 'invalid_request');
    });
  });

  describe('a refresh token presented by another client', () => {
    const fixture = useSandbox(() => ({ autoApprove: true, clients: [{ ...otherClient, clientId: 'boomtown-vscode-sandbox', clientSecret: 'sandbox-secret-not-for-production' }, otherClient] }));

    it('is refused and does not end the owner\'s chain', async () => {
      const session = await signIn(fixture.url);
      const stolen = await refresh(fixture.url, session.refreshToken!, { clientId: otherClient.clientId, clientSecret: otherClient.clientSecret });
      assert.equal(stolen.json.error, 'invalid_grant');
      assert.equal((await refresh(fixture.url, session.refreshToken!)).status, 200);
    });
  });

  describe('reuseDetection: false', () => {
    const fixture = useSandbox(() => ({ autoApprove: true, reuseDetection: false }));

    it('refuses the reused token but keeps the chain', async () => {
      const session = await signIn(fixture.url);
      const rotated = await refresh(fixture.url, session.refreshToken!);
      assert.equal((await refresh(fixture.url, session.refreshToken!)).json.error, 'invalid_grant');
      assert.equal((await apiGet(fixture.url, '/v1/me', rotated.json.access_token)).status, 200);
      assert.equal((await refresh(fixture.url, rotated.json.refresh_token)).status, 200);
    });
  });

  describe('refreshTokenRotation: false', () => {
    const fixture = useSandbox(() => ({ autoApprove: true, refreshTokenRotation: false }));

    it('answers without refresh_token and the same refresh token keeps working', async () => {
      const session = await signIn(fixture.url);
      for (let attempt = 0; attempt < 3; attempt++) {
        const answer = await refresh(fixture.url, session.refreshToken!);
        assert.equal(answer.status, 200);
        assert.equal(answer.json.refresh_token, undefined);
        assert.equal((await apiGet(fixture.url, '/v1/me', answer.json.access_token)).status, 200);
      }
    });

    it('can be switched on while running', async () => {
      const session = await signIn(fixture.url);
      fixture.sandbox.setOptions({ refreshTokenRotation: true });
      const rotated = await refresh(fixture.url, session.refreshToken!);
      assert.ok(rotated.json.refresh_token);
      assert.equal((await refresh(fixture.url, session.refreshToken!)).json.error, 'invalid_grant');
    });
  });
});
