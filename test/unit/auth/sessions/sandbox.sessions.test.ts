import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { decodeSessions } from '../../../../src/core/auth/sessions/copies';
import { SkewedClock } from '../helpers/fakeClock';
import { openWindow, settle, type TestWindow } from '../helpers/harness';
import { meStatus, startSandbox } from '../helpers/sandbox';

describe('SessionService against the sandbox (loopback)', function () {
  this.timeout(30_000);
  let env: Awaited<ReturnType<typeof startSandbox>>;
  let clock: SkewedClock;
  let window: TestWindow;
  // A code-server style redirect: its own encoded query must survive, byte for byte, into the token request.
  const redirectUri = 'http://127.0.0.1:43117/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=boomtown-dev.boomtown-vscode&vscode-path=%2Fcallback';

  beforeEach(async () => {
    env = await startSandbox();
    clock = new SkewedClock();
    window = openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials, clock, redirectUri });
  });
  afterEach(async () => {
    window.close();
    await env.close();
  });

  it('signs in with exactly one token request and one /v1/me', async () => {
    const session = await window.signIn(['leads:read']);
    const counters = env.sandbox.counters();
    assert.equal(counters.byRoute['POST /oauth/token'], 1);
    assert.equal(counters.byRoute['GET /v1/me'], 1);
    assert.deepEqual(counters.byGrant, { authorization_code: 1 });
    // The window's first sign-in also reads the server's metadata (RFC 8414), before the browser opens
    // (a sandbox without the documents counts those reads as unknown routes).
    const metadataReads = Object.entries(counters.byRoute).filter(([route]) => route.startsWith('GET /.well-known/') || route === 'GET (unknown)').reduce((sum, [, n]) => sum + n, 0);
    assert.ok(metadataReads >= 1 && metadataReads <= 2, `metadata reads: ${metadataReads}`);
    assert.equal(counters.total - metadataReads, 3, 'authorize + token + me');
    const user = env.sandbox.users[0];
    assert.deepEqual(session.account, { id: user.id, label: user.email });
    assert.deepEqual([...session.scopes].sort(), ['leads:read', 'offline_access']);
    assert.equal(await meStatus(env.dispatcher, env.sandbox.url, session.accessToken), 200);
  });

  it('signs in a second account named by login_hint, side by side', async () => {
    const first = await window.signIn(['leads:read']);
    const other = env.sandbox.users[1];
    const second = await window.service.createSession(['leads:read'], window.browser, { account: { id: other.id, label: other.email ?? other.id } });
    assert.equal(second.account.id, other.id);
    assert.notEqual(second.id, first.id);
    assert.equal((await window.service.getSessions(['leads:read'])).length, 2);
  });

  it('renews an expired token on read, with the rotated refresh token', async () => {
    const session = await window.signIn(['leads:read']);
    clock.advance(2 * 3600_000);
    const [renewed] = await window.service.getSessions();
    assert.equal(renewed.id, session.id);
    assert.notEqual(renewed.accessToken, session.accessToken);
    assert.equal(await meStatus(env.dispatcher, env.sandbox.url, renewed.accessToken), 200);
    clock.advance(2 * 3600_000);
    const [again] = await window.service.getSessions();
    assert.notEqual(again.accessToken, renewed.accessToken);
    assert.equal(env.sandbox.counters().byGrant.refresh_token, 2);
  });

  it('forceRefresh after the server killed the token', async () => {
    const session = await window.signIn(['leads:read']);
    env.sandbox.expireAccessTokens();
    assert.equal(await meStatus(env.dispatcher, env.sandbox.url, session.accessToken), 401);
    const renewed = await window.service.forceRefresh(session.id, session.accessToken);
    assert.equal(await meStatus(env.dispatcher, env.sandbox.url, renewed.accessToken), 200);
  });

  it('ends the session once when even a renewed token is refused (the API client\'s second 401)', async () => {
    const session = await window.signIn(['leads:read']);
    const renewed = await window.service.forceRefresh(session.id, session.accessToken);
    await window.service.rejectSession(session.id, renewed.accessToken);
    await window.service.rejectSession(session.id, renewed.accessToken);
    await settle();
    assert.deepEqual(await window.service.getSessions(), []);
    assert.equal(window.ended.length, 1, 'told once');
    assert.equal(window.ended[0].reason.reason, 'notSignedIn');
  });

  it('keeps the session when the refused token was already replaced', async () => {
    const session = await window.signIn(['leads:read']);
    await window.service.forceRefresh(session.id, session.accessToken);
    await window.service.rejectSession(session.id, session.accessToken); // an old token: someone renewed since
    assert.equal((await window.service.getSessions()).length, 1);
    assert.equal(window.ended.length, 0);
  });

  it('ends the session once when the server revoked its chain', async () => {
    const session = await window.signIn(['leads:read']);
    const stored = decodeSessions(window.secrets.values.get(SecretKeys.sessions)).sessions[0];
    // Someone revokes the refresh token behind our back (RFC 7009), which ends the whole chain.
    const revoke = new URL('/oauth/revoke', env.sandbox.url);
    const { clientId, clientSecret } = await env.credentials();
    const answer = await env.dispatcher.request({
      origin: revoke.origin,
      path: revoke.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: stored.refreshToken ?? '', client_id: clientId, client_secret: clientSecret }).toString(),
    });
    await answer.body.text();
    clock.advance(2 * 3600_000);
    const reads = await Promise.all(Array.from({ length: 10 }, () => window.service.getSessions()));
    assert.ok(reads.every((r) => r.length === 0));
    await settle();
    assert.equal(window.ended.length, 1);
    assert.equal(window.ended[0].session.id, session.id);
    assert.equal(window.ended[0].reason.reason, 'invalidGrant');
  });

  it('signs out with a revocation that kills the refresh token', async () => {
    const session = await window.signIn(['leads:read']);
    await window.service.removeSession(session.id);
    assert.equal(env.sandbox.counters().byRoute['POST /oauth/revoke'], 1);
    assert.equal(await meStatus(env.dispatcher, env.sandbox.url, session.accessToken), 401, 'the chain is revoked');
    assert.deepEqual(await window.service.getSessions(), []);
  });
});
