import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { decodeSessions, encodeSessions } from '../../../../src/core/auth/sessions/copies';
import { SharedSecrets } from '../../helpers/memorySecretStore';
import { FakeClock } from '../helpers/fakeClock';
import { ids, openWindow, settle, type TestWindow } from '../helpers/harness';
import { MockBoomTown } from '../helpers/mockBoomTown';

const MINUTE = 60_000;

describe('SessionService across windows (MockAgent, shared SecretStore)', () => {
  let server: MockBoomTown;
  let secrets: SharedSecrets;
  let clock: FakeClock;
  let a: TestWindow;
  let b: TestWindow;

  beforeEach(async () => {
    server = new MockBoomTown();
    secrets = new SharedSecrets();
    clock = new FakeClock();
    a = openWindow({ dispatcher: server.agent, config: server.config, secrets, clock });
    b = openWindow({ dispatcher: server.agent, config: server.config, secrets, clock });
    // Both windows have looked once, as a running provider would have.
    await Promise.all([a.service.getSessions(), b.service.getSessions()]);
  });
  afterEach(async () => {
    a.close();
    b.close();
    await server.close();
  });

  it('announces a sign-in, a refresh and a sign-out in the other window too', async () => {
    const session = await a.signIn();
    await settle();
    assert.deepEqual(ids(b.changes.at(-1)?.added ?? []), [session.id]);
    assert.deepEqual(await b.service.getSessions(), [session]);

    const renewed = await a.service.forceRefresh(session.id, session.accessToken);
    await settle();
    assert.deepEqual(b.changes.at(-1)?.changed, [renewed]);
    assert.deepEqual(await b.service.getSessions(), [renewed]);

    await b.service.removeSession(session.id);
    await settle();
    assert.deepEqual(ids(a.changes.at(-1)?.removed ?? []), [session.id]);
    assert.deepEqual(await a.service.getSessions(), []);
    // Each window announced each step exactly once.
    assert.equal(a.changes.length, 3);
    assert.equal(b.changes.length, 3);
  });

  it('looks again before believing invalid_grant: a refresh token rotated meanwhile is adopted', async () => {
    const session = await a.signIn();
    await settle();
    // Another writer (say, an older build without the lease) renews the session while our request is out.
    server.onToken = () => {
      const stored = decodeSessions(secrets.values.get(SecretKeys.sessions)).sessions;
      secrets.values.set(SecretKeys.sessions, encodeSessions(stored.map((s) => ({ ...s, accessToken: 'at-elsewhere', refreshToken: 'rt-elsewhere' }))));
      return { status: 400, body: { error: 'invalid_grant' } };
    };
    const adopted = await a.service.forceRefresh(session.id, session.accessToken);
    assert.equal(adopted.accessToken, 'at-elsewhere');
    assert.equal(a.ended.length, 0);
    assert.equal((await a.service.getSessions()).length, 1);
  });

  it('tells the user once: only the window that saw invalid_grant fires onDidEndSession', async () => {
    const session = await a.signIn();
    await settle();
    server.onToken = () => ({ status: 400, body: { error: 'invalid_grant' } });
    clock.advance(2 * 60 * MINUTE);
    await Promise.all([a.service.getSessions(), b.service.getSessions()]);
    await settle();
    assert.equal(a.ended.length + b.ended.length, 1);
    assert.equal(server.grants('refresh_token').length, 1);
    for (const window of [a, b]) {
      assert.deepEqual(await window.service.getSessions(), []);
      assert.ok(window.changes.some((c) => ids(c.removed).includes(session.id)));
    }
  });

  it('keeps sign-ins of two windows at once (no lost write)', async () => {
    server.onMe = (() => {
      let n = 0;
      return () => ({ status: 200, body: { id: `u_${++n}`, email: `user${n}@example.com` } });
    })();
    const [one, two] = await Promise.all([a.signIn(), b.signIn()]);
    await settle();
    const stored = decodeSessions(secrets.values.get(SecretKeys.sessions)).sessions;
    assert.deepEqual(new Set(ids(stored)), new Set([one.id, two.id]));
    assert.deepEqual(new Set(ids(await a.service.getSessions())), new Set([one.id, two.id]));
    assert.deepEqual(new Set(ids(await b.service.getSessions())), new Set([one.id, two.id]));
  });

  it('discards an unreadable value another writer stored, with a warning, and recovers on the next sign-in', async () => {
    const session = await a.signIn();
    await settle();
    const otherWriter = secrets.view();
    await otherWriter.store(SecretKeys.sessions, 'not json at all');
    otherWriter.dispose();
    await settle();
    assert.deepEqual(ids(b.changes.at(-1)?.removed ?? []), [session.id]);
    assert.deepEqual(await b.service.getSessions(), []);
    assert.ok(b.log.lines.some((l) => l.level === 'warn' && l.line.includes('not JSON')));
    const again = await b.signIn();
    await settle();
    assert.deepEqual(ids(await a.service.getSessions()), [again.id]);
  });

  it('keeps the sessions it knows when the keychain fails for a moment', async () => {
    const session = await a.signIn();
    await settle();
    let failing = false;
    const view = secrets.view();
    const flaky = { ...view, get: (key: string) => (failing ? Promise.reject(new Error('keychain locked')) : view.get(key)) };
    const c = openWindow({ dispatcher: server.agent, config: server.config, secrets, clock, overrides: { secrets: flaky } });
    try {
      assert.deepEqual(await c.service.getSessions(), [session]);
      failing = true;
      // Rewriting the same value makes every window re-read; this one's read fails.
      await view.store(SecretKeys.sessions, secrets.values.get(SecretKeys.sessions) ?? '');
      await settle();
      assert.deepEqual(await c.service.getSessions(), [session]);
      assert.equal(c.changes.length, 0, 'a failed read is not a sign-out');
      assert.ok(c.log.lines.some((l) => l.level === 'warn' && l.line.includes('Could not read the stored sessions')));
    } finally {
      c.close();
      view.dispose();
    }
  });
});
