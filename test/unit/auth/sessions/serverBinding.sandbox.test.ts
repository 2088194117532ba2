import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { HttpClient } from '../../../../src/core/api/httpClient';
import { tokensFromSessions } from '../../../../src/core/api/tokenSource';
import { ClientSecrets } from '../../../../src/core/auth/clientSecrets';
import { decodeSessions, encodeSessions } from '../../../../src/core/auth/sessions/copies';
import type { AuthSession } from '../../../../src/core/auth/sessionTypes';
import { BoomTownError, isBoomTownError } from '../../../../src/core/shared/errors';
import type { RunningSandbox } from '../../../sandbox/index';
import { SharedSecrets } from '../../helpers/memorySecretStore';
import { openWindow, type TestWindow } from '../helpers/harness';
import { startSandbox } from '../helpers/sandbox';

/** What proves a credential reached a server: an Authorization header, or a form field carrying one. */
const CREDENTIAL_FIELDS = ['code', 'code_verifier', 'refresh_token', 'client_secret', 'token', 'access_token'];

function credentialsReceived(server: RunningSandbox): string[] {
  return server.sandbox.requests().flatMap((r) => [
    ...(r.authScheme ? [`${r.method} ${r.path}: Authorization ${r.authScheme}`] : []),
    ...[...(r.bodyKeys ?? []), ...(r.queryKeys ?? [])].filter((key) => CREDENTIAL_FIELDS.includes(key)).map((key) => `${r.method} ${r.path}: ${key}`),
  ]);
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isBoomTownError(error) ? error.reason : String(error);
  }
  return 'no error';
}

/**
 * Two sandboxes are two BoomTown servers. The user signs in at A; then the settings name B (as a
 * workspace once could make them do). Nothing of A's session may reach B, and A's session comes back
 * when the settings name A again.
 */
describe('sessions bound to their server (two sandboxes over loopback)', function () {
  this.timeout(30_000);
  let a: RunningSandbox;
  let b: RunningSandbox;
  let settings: { authUrl: string; apiUrl: string };
  let secrets: SharedSecrets;
  let clientSecrets: ClientSecrets;
  let window: TestWindow;

  beforeEach(async () => {
    [a, b] = await Promise.all([startSandbox(), startSandbox()]);
    settings = a.config();
    secrets = new SharedSecrets();
    clientSecrets = new ClientSecrets({ store: secrets.view(), userAuthUrl: () => settings.authUrl, env: {} });
    const { clientId } = await a.credentials();
    window = openWindow({
      dispatcher: a.dispatcher,
      secrets,
      config: () => settings,
      credentials: async (authUrl) => {
        const secret = await clientSecrets.get(authUrl);
        if (!secret) throw new BoomTownError('missingClientSecret', 'No client secret for that server.');
        return { clientId, clientSecret: secret.value };
      },
    });
    await clientSecrets.set(a.url, (await a.credentials()).clientSecret);
  });
  afterEach(async () => {
    window.close();
    await Promise.all([a.close(), b.close()]);
  });

  const api = (session: AuthSession) =>
    new HttpClient({
      dispatcher: a.dispatcher,
      config: () => ({ apiUrl: settings.apiUrl }),
      tokens: tokensFromSessions(async () => session, window.service),
      retry: { maxRetries: 0 },
    });

  it('sends the access token only to the API the session was issued for, never to the one the settings name now', async () => {
    const session = await window.signIn();
    settings = b.config();
    b.sandbox.resetCounters();
    // A caller still holding A's session: the call goes to A, not to the API the settings name.
    const { json } = await api(session).getJson('/v1/me');
    assert.ok(json);
    assert.equal(a.sandbox.counters().byRoute['GET /v1/me'], 2, 'the sign-in and this call');
    // A request-file URL under B is never sent with A's token.
    const refused = await reasonOf(api(session).exchange({ method: 'GET', url: `${b.url}/v1/me` }));
    assert.equal(refused, 'badInput');
    assert.deepEqual(credentialsReceived(b), []);
    assert.equal(b.sandbox.counters().total, 0);
  });

  it('neither presents nor renews nor revokes the session at B; moving back to A finds it again', async () => {
    const session = await window.signIn();
    settings = b.config();
    assert.deepEqual(await window.service.getSessions(), [], 'not presented while the settings name B');
    // Renewal: A's token expires; a 401 asks for a refresh, which is not done while the settings name B.
    a.sandbox.expireAccessTokens();
    a.sandbox.resetCounters();
    assert.equal(await reasonOf(api(session).getJson('/v1/me')), 'notSignedIn');
    assert.equal(a.sandbox.counters().byGrant.refresh_token, undefined, 'not renewed while the settings name another server');
    assert.deepEqual(credentialsReceived(b), []);
    assert.equal(b.sandbox.counters().total, 0);

    settings = a.config();
    const back = await window.service.getSessions();
    assert.deepEqual(back.map((s) => s.id), [session.id]);
    // Back at A, the 401 renews it there.
    const { json } = await api(back[0]).getJson('/v1/me');
    assert.ok(json);
    assert.equal(a.sandbox.counters().byGrant.refresh_token, 1);
    assert.equal(b.sandbox.counters().total, 0);
  });

  it('revokes at sign-out where the session was issued, whatever the settings name', async () => {
    const session = await window.signIn();
    settings = b.config();
    a.sandbox.resetCounters();
    await window.service.removeSession(session.id);
    assert.equal(a.sandbox.counters().byRoute['POST /oauth/revoke'], 1);
    assert.deepEqual(credentialsReceived(b), []);
    assert.equal(b.sandbox.counters().total, 0);
  });

  it('makes a session of its own when the user signs in at B, and keeps each to its server', async () => {
    const atA = await window.signIn();
    settings = b.config();
    await clientSecrets.set(b.url, (await b.credentials()).clientSecret);
    const atB = await window.signIn();
    assert.notEqual(atB.id, atA.id);
    assert.deepEqual((await window.service.getSessions()).map((s) => s.id), [atB.id]);
    assert.equal(window.service.serverOfSession(atB.id)?.apiUrl, b.url);
    assert.equal(window.service.serverOfSession(atA.id)?.apiUrl, a.url);
    settings = a.config();
    assert.deepEqual((await window.service.getSessions()).map((s) => s.id), [atA.id]);
  });

  it('announces the change of servers: the old sessions leave, the new ones come', async () => {
    const session = await window.signIn();
    await window.service.getSessions();
    window.changes.length = 0;
    settings = b.config();
    window.service.settingsChanged();
    assert.deepEqual(window.changes.map((c) => [c.added.length, c.removed.map((s) => s.id)]), [[0, [session.id]]]);
    settings = a.config();
    window.service.settingsChanged();
    assert.deepEqual(window.changes[1].added.map((s) => s.id), [session.id]);
  });

  it('never sends the client secret for A to B: a sign-in at B without its own secret stops before any request', async () => {
    await window.signIn();
    settings = b.config();
    assert.equal(await reasonOf(window.signIn()), 'missingClientSecret');
    assert.deepEqual(credentialsReceived(b), []);
    assert.equal(b.sandbox.counters().total, 0);
  });

  it('binds a session stored by an earlier version to the servers the user settings name when first read, and saves that', async () => {
    const session = await window.signIn();
    window.close();
    // What an earlier version stored: the same session without its server.
    const store = secrets.view();
    const stored = decodeSessions(await store.get(SecretKeys.sessions)).sessions.map(({ server: _server, ...rest }) => rest);
    await store.store(SecretKeys.sessions, encodeSessions(stored, 1));
    window = openWindow({ dispatcher: a.dispatcher, secrets, config: () => settings, credentials: async () => a.credentials() });

    assert.deepEqual((await window.service.getSessions()).map((s) => s.id), [session.id]);
    const saved = decodeSessions(await store.get(SecretKeys.sessions)).sessions;
    assert.deepEqual(saved.map((s) => s.server), [{ authUrl: a.url, apiUrl: a.url }]);

    settings = b.config();
    assert.deepEqual(await window.service.getSessions(), []);
    settings = a.config();
    assert.deepEqual((await window.service.getSessions()).map((s) => s.id), [session.id]);
    store.dispose();
  });
});

describe('client secrets per authorization server', () => {
  const A = 'https://auth.a.example';
  const B = 'https://auth.b.example/base';

  it('hands out a stored secret only for its own server', async () => {
    const secrets = new ClientSecrets({ store: new SharedSecrets().view(), userAuthUrl: () => A, env: {} });
    await secrets.set(`${A}/some/path`, 'secret-a');
    assert.deepEqual(await secrets.get(A), { value: 'secret-a', source: 'secret storage' });
    assert.equal(await secrets.get(B), undefined);
  });

  it('moves the single secret of earlier versions to the server of the user settings, once', async () => {
    const store = new SharedSecrets().view();
    await store.store(SecretKeys.clientSecret, 'old-secret');
    const secrets = new ClientSecrets({ store, userAuthUrl: () => A, env: {} });
    assert.equal(await secrets.get(B), undefined);
    assert.deepEqual(await secrets.get(A), { value: 'old-secret', source: 'secret storage' });
    assert.equal(await store.get(SecretKeys.clientSecret), undefined);
  });

  it('gives the environment secret only to the server of the user settings or BOOMTOWN_AUTH_URL', async () => {
    const store = new SharedSecrets().view();
    const userOnly = new ClientSecrets({ store, userAuthUrl: () => A, env: { secret: 'env-secret' } });
    assert.deepEqual(await userOnly.get(A), { value: 'env-secret', source: 'environment' });
    assert.equal(await userOnly.get(B), undefined);
    const named = new ClientSecrets({ store, userAuthUrl: () => A, env: { secret: 'env-secret', authUrl: 'https://auth.b.example' } });
    assert.deepEqual(await named.get(B), { value: 'env-secret', source: 'environment' });
    assert.equal(await named.get('https://auth.c.example'), undefined);
  });
});
