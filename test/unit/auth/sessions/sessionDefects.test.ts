import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { decodeSessions } from '../../../../src/core/auth/sessions/copies';
import { FileLock } from '../../../../src/core/auth/sessions/lock';
import { silentLogger } from '../../../../src/core/shared/logger';
import { SharedSecrets } from '../../helpers/memorySecretStore';
import { tokenAnswer } from '../helpers/builders';
import { FakeClock } from '../helpers/fakeClock';
import { ids, machineFolder, openWindow, settle, type TestWindow } from '../helpers/harness';
import { MockBoomTown } from '../helpers/mockBoomTown';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One test per defect of issue #9 that is about sessions; each fails on the code before the fix. */
describe('session defects (issue #9)', () => {
  let server: MockBoomTown;
  let secrets: SharedSecrets;
  let clock: FakeClock;
  let windows: TestWindow[];
  const open = () => {
    const window = openWindow({ dispatcher: server.agent, config: server.config, secrets, clock });
    windows.push(window);
    return window;
  };

  beforeEach(() => {
    server = new MockBoomTown();
    secrets = new SharedSecrets();
    clock = new FakeClock();
    windows = [];
  });
  afterEach(async () => {
    for (const window of windows) window.close();
    await server.close();
  });

  it('a failed secret write right after a rotating refresh loses nothing: the new tokens are served, used next, and saved later', async () => {
    const rotation = server.rotateWithReuseDetection();
    const window = open();
    const session = await window.signIn();
    clock.advance(2 * 60 * MINUTE);
    secrets.failStores = 2;
    const [renewed] = await window.service.getSessions();
    assert.ok(renewed, 'still signed in');
    assert.notEqual(renewed.accessToken, session.accessToken);
    // The next renewal presents the rotated refresh token, not the superseded one.
    clock.advance(2 * 60 * MINUTE);
    const [again] = await window.service.getSessions();
    assert.ok(again, 'still signed in after the next renewal');
    assert.notEqual(again.accessToken, renewed.accessToken);
    assert.equal(rotation.reuses(), 0, 'no refresh token was presented twice');
    assert.equal(window.ended.length, 0);
    for (let i = 0; i < 100 && decodeSessions(secrets.values.get(SecretKeys.sessions)).sessions[0]?.accessToken !== again.accessToken; i++) await sleep(20);
    assert.equal(decodeSessions(secrets.values.get(SecretKeys.sessions)).sessions[0]?.accessToken, again.accessToken, 'saved once the keyring works again');
  });

  it('an absurd lifetime ("expires_in": 1e308) keeps the session in every window, after sign-in and after a refresh', async () => {
    server.onToken = () => ({ status: 200, body: tokenAnswer({ expires_in: 1e308 }) });
    const [a, b] = [open(), open()];
    await b.service.getSessions();
    const session = await a.signIn();
    await settle();
    assert.deepEqual(ids(await a.service.getSessions()), [session.id]);
    assert.deepEqual(ids(await b.service.getSessions()), [session.id]);
    const renewed = await a.service.forceRefresh(session.id, session.accessToken);
    await settle();
    assert.deepEqual(ids(await b.service.getSessions()), [renewed.id]);
    assert.deepEqual(ids(await open().service.getSessions()), [session.id], 'a window opened later finds it too');
  });

  it('a keychain read that fails once when a window starts is retried, never taken for "signed out"', async () => {
    const a = open();
    const session = await a.signIn();
    secrets.failGets = 1;
    const b = open();
    const first = await b.service.getSessions().catch((error: unknown) => error);
    assert.ok(!Array.isArray(first) || first.length === 1, 'the failed read did not report "no sessions"');
    assert.deepEqual(ids(await b.service.getSessions()), [session.id]);
  });

  it('after a failed first read a window retries by itself and announces the sessions it finds', async function () {
    this.timeout(10_000);
    const a = open();
    const session = await a.signIn();
    secrets.failGets = 1;
    const b = open();
    await b.service.getSessions().catch(() => undefined);
    for (let i = 0; i < 100 && !b.changes.length; i++) await sleep(50);
    assert.deepEqual(ids(b.changes.at(-1)?.added ?? []), [session.id]);
  });

  it('rejectSession (ending a session after a 401) waits for the cross-window lock like every other write', async () => {
    const a = open();
    const session = await a.signIn();
    const lock = new FileLock(machineFolder(secrets), silentLogger);
    const hold = await lock.acquire('another window');
    const rejecting = a.service.rejectSession(session.id, session.accessToken);
    await sleep(100);
    assert.ok(decodeSessions(secrets.values.get(SecretKeys.sessions)).sessions.some((s) => s.id === session.id), 'nothing written while another window holds the lock');
    await hold.release();
    await rejecting;
    assert.deepEqual(decodeSessions(secrets.values.get(SecretKeys.sessions)).sessions, []);
    assert.equal(a.ended.length, 1);
  });
});
