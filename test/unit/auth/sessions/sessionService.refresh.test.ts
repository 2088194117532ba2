import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { encodeSessions } from '../../../../src/core/auth/sessions/copies';
import { storedSession, tokenAnswer } from '../helpers/builders';
import { FakeClock } from '../helpers/fakeClock';
import { openWindow, settle, type TestWindow } from '../helpers/harness';
import { MockBoomTown } from '../helpers/mockBoomTown';
import { reasonOf } from '../helpers/outcomes';

const MINUTE = 60_000;


describe('SessionService refresh (MockAgent)', () => {
  let server: MockBoomTown;
  let clock: FakeClock;
  let window: TestWindow;

  beforeEach(() => {
    server = new MockBoomTown();
    clock = new FakeClock();
    window = openWindow({ dispatcher: server.agent, config: server.config, clock });
  });
  afterEach(async () => {
    window.close();
    await server.close();
  });

  it('hands out a token with time left without a request', async () => {
    const session = await window.signIn();
    clock.advance(54 * MINUTE);
    assert.deepEqual(await window.service.getSessions(), [session]);
    assert.equal(server.grants('refresh_token').length, 0);
  });

  it('renews a token expiring within 5 minutes before returning it; the id stays, a change is announced', async () => {
    const session = await window.signIn();
    const refreshToken = server.issued[0].refresh_token;
    clock.advance(56 * MINUTE);
    const [renewed] = await window.service.getSessions(['leads:read']);
    assert.equal(renewed.id, session.id);
    assert.equal(renewed.accessToken, server.issued[1].access_token);
    assert.equal(server.grants('refresh_token')[0].get('refresh_token'), refreshToken);
    assert.equal(server.grants('refresh_token')[0].get('client_secret'), 'client-secret-test-1');
    await settle();
    assert.deepEqual(window.changes.at(-1)?.changed.map((s) => [s.id, s.accessToken]), [[session.id, renewed.accessToken]]);
    assert.deepEqual([server.grants('authorization_code').length, server.grants('refresh_token').length, server.meAuthorizations.length, server.revokeForms.length], [1, 1, 1, 0]);
    // The rotated refresh token is what the next refresh uses.
    clock.advance(56 * MINUTE);
    await window.service.getSessions();
    assert.equal(server.grants('refresh_token')[1].get('refresh_token'), server.issued[1].refresh_token);
  });

  it('makes exactly one refresh request for 100 concurrent reads of an expired token', async () => {
    await window.signIn();
    clock.advance(2 * 60 * MINUTE);
    const results = await Promise.all(Array.from({ length: 100 }, () => window.service.getSessions()));
    assert.equal(server.grants('refresh_token').length, 1);
    assert.ok(results.every((r) => r.length === 1 && r[0].accessToken === server.issued[1].access_token));
  });

  it('ends the session on invalid_grant: removed, and onDidEndSession fires once', async () => {
    const session = await window.signIn();
    server.onToken = () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'revoked' } });
    clock.advance(2 * 60 * MINUTE);
    const reads = await Promise.all(Array.from({ length: 20 }, () => window.service.getSessions()));
    assert.ok(reads.every((r) => r.length === 0));
    assert.deepEqual(await window.service.getSessions(), []);
    assert.equal(await reasonOf(window.service.forceRefresh(session.id, session.accessToken)), 'notSignedIn');
    await settle();
    assert.equal(window.ended.length, 1);
    assert.equal(window.ended[0].session.id, session.id);
    assert.equal(window.ended[0].reason.reason, 'invalidGrant');
    assert.equal(server.grants('refresh_token').length, 1);
    assert.deepEqual(window.changes.at(-1)?.removed.map((s) => s.id), [session.id]);
    assert.equal(window.secrets.values.get(SecretKeys.sessions)?.includes(session.id), false);
  });

  for (const [name, reply] of [
    ['a 5xx', { status: 503, body: '<html>maintenance</html>' }],
    ['a broken 200', { status: 200, body: '<html>oops</html>' }],
    ['invalid_client', { status: 401, body: { error: 'invalid_client' } }],
  ] as const) {
    it(`keeps the session on ${name} and backs off instead of hammering`, async () => {
      const session = await window.signIn();
      server.onToken = () => reply;
      clock.advance(58 * MINUTE);
      // Still valid for 2 minutes: the stored token is handed out.
      assert.deepEqual(await window.service.getSessions(), [session]);
      assert.equal(server.grants('refresh_token').length, 1);
      for (let i = 0; i < 10; i++) await window.service.getSessions();
      assert.equal(server.grants('refresh_token').length, 1, 'no new request while backing off');
      assert.equal(window.ended.length, 0);
      clock.advance(1000);
      await window.service.getSessions();
      assert.equal(server.grants('refresh_token').length, 2, 'retried after the back-off');
      server.onToken = () => ({ status: 200, body: tokenAnswer() });
      clock.advance(2000);
      const [renewed] = await window.service.getSessions();
      assert.equal(renewed.id, session.id);
      assert.notEqual(renewed.accessToken, session.accessToken);
    });
  }

  it('returns an expired session while the server is down; forceRefresh reports the remembered error', async () => {
    const session = await window.signIn();
    server.onToken = () => ({ status: 502, body: '' });
    clock.advance(2 * 60 * MINUTE);
    assert.deepEqual(await window.service.getSessions(), [session]);
    assert.equal(await reasonOf(window.service.forceRefresh(session.id, session.accessToken)), 'serverError');
    assert.equal(server.grants('refresh_token').length, 1);
    assert.equal(window.ended.length, 0);
  });

  describe('forceRefresh', () => {
    it('renews when the stored token is the rejected one', async () => {
      const session = await window.signIn();
      const renewed = await window.service.forceRefresh(session.id, session.accessToken);
      assert.equal(renewed.id, session.id);
      assert.equal(renewed.accessToken, server.issued[1].access_token);
      assert.equal(server.grants('refresh_token').length, 1);
    });

    it('returns the stored session without a request when it already differs from the rejected token', async () => {
      const session = await window.signIn();
      const renewed = await window.service.forceRefresh(session.id, 'an-older-token');
      assert.deepEqual(renewed, session);
      assert.equal(server.grants('refresh_token').length, 0);
    });

    it('shares one refresh among concurrent 401s', async () => {
      const session = await window.signIn();
      const results = await Promise.all(Array.from({ length: 50 }, () => window.service.forceRefresh(session.id, session.accessToken)));
      assert.equal(server.grants('refresh_token').length, 1);
      assert.ok(results.every((r) => r.accessToken === server.issued[1].access_token));
    });

    it('fails with notSignedIn for an unknown session', async () => {
      assert.equal(await reasonOf(window.service.forceRefresh('nope', 'token')), 'notSignedIn');
    });

    it('ends a session that has no refresh token once its access token is rejected', async () => {
      window.secrets.values.set(SecretKeys.sessions, encodeSessions([storedSession({ id: 'no-rt', accessToken: 'at-only', refreshToken: undefined, expiresAt: undefined })]));
      const [session] = await window.service.getSessions();
      assert.equal(session.id, 'no-rt', 'handed out: valid until a 401');
      assert.equal(await reasonOf(window.service.forceRefresh('no-rt', 'at-only')), 'invalidGrant');
      assert.equal(window.ended.length, 1);
      assert.equal(server.tokenForms.length, 0);
    });
  });

  it('never refreshes a token whose expiry is unknown (valid until a 401)', async () => {
    server.onToken = () => ({ status: 200, body: tokenAnswer({ expires_in: undefined }) });
    const session = await window.signIn();
    clock.advance(365 * 24 * 60 * MINUTE);
    assert.deepEqual(await window.service.getSessions(), [session]);
    assert.equal(server.grants('refresh_token').length, 0);
  });
});
