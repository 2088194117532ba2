import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { challengeS256 } from '../../../../src/core/auth/pkce';
import { BoomTownError } from '../../../../src/core/shared/errors';
import { me } from '../helpers/builders';
import { openWindow, settle, type TestWindow } from '../helpers/harness';
import { MockBoomTown } from '../helpers/mockBoomTown';
import { manualCancellation } from '../helpers/outcomes';

describe('SessionService sign-in (MockAgent)', () => {
  let server: MockBoomTown;
  let window: TestWindow;
  const redirectUri = 'https://code.example.test/callback?vscode-reqid=7&vscode-query=a%3Db%26c';

  beforeEach(() => {
    server = new MockBoomTown();
    window = openWindow({ dispatcher: server.agent, config: server.config, redirectUri });
  });
  afterEach(async () => {
    window.close();
    await server.close();
  });

  it('signs in with PKCE and exactly two requests: the code exchange and /v1/me', async () => {
    const session = await window.signIn(['leads:read', 'agents:read']);

    const authorize = server.authorizeQueries[0];
    assert.equal(authorize.get('scope'), 'leads:read agents:read offline_access');
    assert.equal(authorize.get('redirect_uri'), redirectUri);
    assert.equal(server.tokenForms.length, 1);
    assert.equal(server.meAuthorizations.length, 1);
    assert.equal(server.revokeForms.length, 0);
    const form = server.tokenForms[0];
    assert.equal(form.get('grant_type'), 'authorization_code');
    assert.equal(form.get('code'), server.codes[0]);
    assert.equal(form.get('redirect_uri'), redirectUri, 'the very same redirect URI string');
    assert.equal(challengeS256(form.get('code_verifier') ?? ''), authorize.get('code_challenge'));
    assert.equal(server.meAuthorizations[0], `Bearer ${server.issued[0].access_token}`);

    assert.equal(session.accessToken, server.issued[0].access_token);
    assert.deepEqual(session.account, { id: 'u_1', label: 'ada@example.com' });
    assert.deepEqual(session.scopes, ['leads:read', 'offline_access']);
    assert.equal(window.pending.size, 0);
  });

  it('stores sessions only under the sessions key and announces the new session', async () => {
    const session = await window.signIn();
    await settle();
    assert.deepEqual([...window.secrets.values.keys()], [SecretKeys.sessions]);
    assert.ok(window.secrets.values.get(SecretKeys.sessions)?.startsWith('{"v":1,'));
    assert.equal(window.changes.length, 1);
    assert.deepEqual(window.changes[0].added.map((s) => s.id), [session.id]);
    assert.deepEqual(await window.service.getSessions(), [session]);
  });

  it('keeps requested scopes when the token answer has none', async () => {
    server.onToken = () => ({ status: 200, body: { access_token: 'at-noscope', token_type: 'Bearer' } });
    const session = await window.signIn(['leads:read', 'leads:read']);
    assert.deepEqual(session.scopes, ['leads:read']);
  });

  it('passes the wanted account as login_hint', async () => {
    await window.service.createSession(['leads:read'], window.browser, { account: { id: 'u_1', label: 'ada@example.com' } });
    assert.equal(server.authorizeQueries[0].get('login_hint'), 'ada@example.com');
  });

  it('keeps one session per user and scope set, and several accounts side by side', async () => {
    const first = await window.signIn(['leads:read']);
    const again = await window.signIn(['leads:read']);
    assert.equal(again.id, first.id);
    assert.notEqual(again.accessToken, first.accessToken);
    server.onMe = () => ({ status: 200, body: me({ id: 'u_2', email: 'bo@example.com' }) });
    const second = await window.signIn(['leads:read']);
    server.onMe = () => ({ status: 200, body: me() });
    server.onToken = () => ({ status: 200, body: { access_token: 'at-wide', scope: 'leads:read agents:read offline_access' } });
    const wider = await window.signIn(['leads:read', 'agents:read']);
    assert.notEqual(wider.id, first.id, 'another scope set is another session');
    const sessions = await window.service.getSessions();
    assert.deepEqual(new Set(sessions.map((s) => s.id)), new Set([first.id, second.id, wider.id]));
    assert.equal(sessions.find((s) => s.id === first.id)?.accessToken, again.accessToken);
    await settle();
    assert.ok(window.changes.some((c) => c.changed.some((s) => s.id === first.id)), 'the replacement is a change');
  });

  it('filters sessions by scopes, order ignored', async () => {
    server.onToken = () => ({ status: 200, body: { access_token: 'at-a', scope: 'leads:read agents:read offline_access', expires_in: 3600 } });
    const both = await window.signIn(['leads:read', 'agents:read']);
    server.onToken = () => ({ status: 200, body: { access_token: 'at-b', scope: 'leads:read offline_access', expires_in: 3600 } });
    server.onMe = () => ({ status: 200, body: me({ id: 'u_2' }) });
    const leadsOnly = await window.signIn(['leads:read']);
    const idsFor = async (scopes?: string[]) => (await window.service.getSessions(scopes)).map((s) => s.id).sort();
    assert.deepEqual(await idsFor(['agents:read', 'leads:read']), [both.id]);
    assert.deepEqual(await idsFor(['leads:read']), [both.id, leadsOnly.id].sort());
    assert.deepEqual(await idsFor(undefined), [both.id, leadsOnly.id].sort());
    assert.deepEqual(await idsFor([]), [both.id, leadsOnly.id].sort());
    assert.deepEqual(await idsFor(['leads:write']), []);
  });

  it('asks for the client secret before opening the browser', async () => {
    const failing = openWindow({
      dispatcher: server.agent,
      config: server.config,
      credentials: async () => Promise.reject(new BoomTownError('missingClientSecret', 'no secret')),
    });
    try {
      await assert.rejects(failing.signIn(), (e: unknown) => e instanceof BoomTownError && e.reason === 'missingClientSecret');
      assert.equal(failing.browser.opened.length, 0);
      assert.equal(server.tokenForms.length, 0);
    } finally {
      failing.close();
    }
  });

  it('ends with cancelled when the user cancels, without any token request', async () => {
    const { cancellation, cancel } = manualCancellation();
    const idleBrowser = { redirectUri: async () => 'http://127.0.0.1/callback', open: async () => setTimeout(() => cancel(), 10) as unknown as void };
    await assert.rejects(window.service.createSession(['leads:read'], idleBrowser, { cancellation }), (e: unknown) => e instanceof BoomTownError && e.reason === 'cancelled');
    assert.equal(server.tokenForms.length, 0);
    assert.equal(window.pending.size, 0);
  });

  it('gives up the pending sign-in when the browser cannot be opened', async () => {
    const broken = { redirectUri: async () => 'http://127.0.0.1/callback', open: async () => Promise.reject(new Error('no browser')) };
    await assert.rejects(window.service.createSession(['leads:read'], broken), /no browser/);
    assert.equal(window.pending.size, 0);
  });

  it('fails the sign-in with the server reason and stores nothing', async () => {
    server.onToken = () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'code expired' } });
    await assert.rejects(window.signIn(), (e: unknown) => e instanceof BoomTownError && e.reason === 'invalidGrant');
    server.onToken = () => ({ status: 200, body: { access_token: 'at-1' } });
    server.onMe = () => ({ status: 500, body: '' });
    await assert.rejects(window.signIn(), (e: unknown) => e instanceof BoomTownError && e.reason === 'serverError');
    assert.equal(window.secrets.values.has(SecretKeys.sessions), false);
    assert.deepEqual(await window.service.getSessions(), []);
  });

  it('recovers from an unreadable stored value: warns, shows no sessions, and the next sign-in replaces it', async () => {
    window.secrets.values.set(SecretKeys.sessions, '{"v":1,"sessions":[{"id":');
    assert.deepEqual(await window.service.getSessions(), []);
    assert.ok(window.log.lines.some((l) => l.level === 'warn' && l.line.includes('Discarded stored sign-in data')));
    const session = await window.signIn();
    assert.deepEqual(await window.service.getSessions(), [session]);
  });

  it('signs out: deletes, announces, and revokes the refresh token (a 404 is fine)', async () => {
    const session = await window.signIn();
    server.onRevoke = () => ({ status: 404, body: 'no such endpoint' });
    await window.service.removeSession(session.id);
    await settle();
    assert.equal(server.revokeForms.length, 1);
    assert.equal(server.revokeForms[0].get('token'), server.issued[0].refresh_token);
    assert.equal(server.revokeForms[0].get('token_type_hint'), 'refresh_token');
    assert.equal(window.secrets.values.get(SecretKeys.sessions)?.includes(session.id), false);
    assert.deepEqual(await window.service.getSessions(), []);
    assert.deepEqual(window.changes.at(-1)?.removed.map((s) => s.id), [session.id]);
    assert.equal(server.revokeForms.length, 1);
  });

  it('signs out even when revocation fails, and ignores unknown ids', async () => {
    const session = await window.signIn();
    server.onRevoke = () => ({ status: 503, body: '' });
    await window.service.removeSession(session.id);
    assert.deepEqual(await window.service.getSessions(), []);
    await window.service.removeSession('no-such-session');
    assert.equal(server.revokeForms.length, 1);
  });
});
