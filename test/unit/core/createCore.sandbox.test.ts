import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src/core';
import type { SessionsChange } from '../../../src/core/auth/sessionTypes';
import type { SignInBrowser } from '../../../src/core/auth/signInBrowser';
import { isBoomTownError } from '../../../src/core/shared/errors';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { collectingLogger } from '../auth/helpers/logs';
import { SkewedClock } from '../auth/helpers/fakeClock';
import { SharedSecrets } from '../helpers/memorySecretStore';

/**
 * The core as independent checks see it: built by createCore from its ports alone, driven against
 * the sandbox over loopback, with nothing of the core replaced.
 */
describe('createCore against the sandbox (loopback)', function () {
  this.timeout(30_000);
  let env: RunningSandbox;
  let folder: string;
  let clock: SkewedClock;
  let core: Core;
  let log: ReturnType<typeof collectingLogger>;
  const changes: SessionsChange[] = [];

  /**
   * The real flow's browser half: the user's browser follows the authorize URL to the server's
   * redirect, and VS Code hands the callback URI to the pending sign-ins (the UriHandler does).
   */
  const browser: SignInBrowser = {
    redirectUri: async () => 'http://127.0.0.1/callback',
    open: async (authorizeUrl) => {
      const url = new URL(authorizeUrl);
      const response = await env.dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET' });
      await response.body.text();
      const location = response.headers.location;
      assert.equal(response.statusCode, 302, 'the auto-approving sandbox redirects to the callback');
      assert.equal(typeof location, 'string');
      assert.equal(core.pendingSignIns.handleCallback(String(location)), true, 'the callback belongs to the waiting sign-in');
    },
  };

  beforeEach(async () => {
    env = await startSandbox({ autoApprove: true, refreshTokenRotation: true, reuseDetection: true });
    folder = mkdtempSync(join(tmpdir(), 'boomtown-core-'));
    clock = new SkewedClock();
    log = collectingLogger();
    changes.length = 0;
    core = createCore({
      secrets: new SharedSecrets().view(),
      dispatcher: env.dispatcher,
      logger: log.logger,
      settings: env.config,
      credentials: env.credentials,
      clock,
      globalStorageFolder: folder,
      version: 'test',
    });
    core.sessions.onDidChangeSessions((change) => changes.push(change));
  });

  afterEach(async () => {
    core.dispose();
    await env.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('signs in, lists, calls the API, refreshes and removes, through what createCore returns', async () => {
    const session = await core.sessions.createSession(['offline_access'], browser);
    assert.equal(core.pendingSignIns.size, 0, 'the callback completed the sign-in');
    assert.deepEqual(changes.map((change) => ids(change.added)), [[session.id]]);
    assert.deepEqual(ids(await core.sessions.getSessions(['offline_access'])), [session.id]);

    const me = await core.api.me();
    assert.equal(me.data.email, env.sandbox.users[0].email);
    assert.equal(env.sandbox.counters().byGrant.refresh_token ?? 0, 0);

    // The server forgets every access token: the next call gets a 401, refreshes once and is retried.
    env.sandbox.expireAccessTokens();
    const again = await core.api.me();
    assert.equal(again.data.id, me.data.id);
    assert.equal(env.sandbox.counters().byGrant.refresh_token, 1);
    const [refreshed] = await core.sessions.getSessions(['offline_access']);
    assert.equal(refreshed.id, session.id);
    assert.notEqual(refreshed.accessToken, session.accessToken);

    // Past its expiry, reading the session renews it (with the rotated refresh token).
    clock.advance(2 * 3600_000);
    const [renewed] = await core.sessions.getSessions(['offline_access']);
    assert.notEqual(renewed.accessToken, refreshed.accessToken);
    assert.equal(env.sandbox.counters().byGrant.refresh_token, 2);

    // The request sender sends with the session's token and records the exchange without it.
    const record = await core.requestSender.send({ method: 'GET', url: `${env.url}/v1/me`, headers: [], ownAuthorization: false }, core.tokens);
    assert.equal(record.response.status, 200);
    assert.deepEqual(ids(core.requestHistory.list()), [record.id]);
    assert.ok(!JSON.stringify(record).includes(renewed.accessToken), 'no token in the recorded exchange');

    await core.sessions.removeSession(session.id);
    assert.deepEqual(await core.sessions.getSessions(), []);
    assert.deepEqual(ids(changes.at(-1)?.removed ?? []), [session.id]);
    await assert.rejects(core.api.me(), (error) => isBoomTownError(error, 'notSignedIn'));
    assert.ok(!log.text().includes(renewed.accessToken), 'no token in the log');
  });
});

function ids(list: ReadonlyArray<{ id: string }>): string[] {
  return list.map((item) => item.id);
}
