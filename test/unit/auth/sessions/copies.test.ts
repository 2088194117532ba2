import assert from 'node:assert/strict';
import { SecretKeys } from '../../../../src/constants';
import { decodeSessions, encodeSessions, StoreCopies } from '../../../../src/core/auth/sessions/copies';
import { BoomTownError } from '../../../../src/core/shared/errors';
import { SharedSecrets } from '../../helpers/memorySecretStore';
import { storedSession } from '../helpers/builders';
import { collectingLogger } from '../helpers/logs';

describe('the store\'s copies: their format, read and saved over a SecretStore', () => {
  it('round-trips sessions as compact versioned JSON', () => {
    const sessions = [storedSession(), storedSession({ refreshToken: undefined, expiresAt: undefined, account: { id: 'u_2', label: 'Bo' } })];
    const raw = encodeSessions(sessions);
    assert.ok(raw.startsWith('{"v":1,"g":0,"sessions":['));
    assert.ok(!raw.includes('\n') && !raw.includes(': '));
    assert.deepEqual(decodeSessions(raw), { sessions, generation: 0, problems: [] });
  });

  it('reads nothing from an empty store', () => {
    assert.deepEqual(decodeSessions(undefined), { sessions: [], generation: 0, problems: [] });
    assert.deepEqual(decodeSessions(''), { sessions: [], generation: 0, problems: [] });
  });

  it('discards unreadable values with a reason instead of throwing', () => {
    const table: Array<[string, string]> = [
      ['not JSON', '{"v":1,"sessions":['],
      ['a JSON array', '[]'],
      ['another version', '{"v":2,"sessions":[]}'],
      ['no version', '{"sessions":[]}'],
      ['sessions not a list', '{"v":1,"sessions":{}}'],
      ['null', 'null'],
    ];
    for (const [name, raw] of table) {
      const decoded = decodeSessions(raw);
      assert.deepEqual(decoded.sessions, [], name);
      assert.equal(decoded.problems.length, 1, name);
    }
  });

  it('drops entries of the wrong shape and keeps the good ones', () => {
    const good = storedSession();
    const broken: unknown[] = [
      null,
      'session',
      { ...good, id: '' },
      { ...good, id: 'a', accessToken: 5 },
      { ...good, id: 'b', account: null },
      { ...good, id: 'c', account: { id: '', label: 'x' } },
      { ...good, id: 'd', scopes: 'leads:read' },
      { ...good, id: 'e', scopes: [1] },
      { ...good, id: 'f', refreshToken: 7 },
      { ...good, id: 'g', expiresAt: 'tomorrow' },
      { ...good, id: 'h', issuedAt: Number.NaN },
      good,
    ];
    const raw = JSON.stringify({ v: 1, sessions: [...broken, { ...good }] });
    const decoded = decodeSessions(raw);
    assert.deepEqual(decoded.sessions, [good]);
    // every broken entry, plus the repeated id
    assert.equal(decoded.problems.length, broken.length);
  });

  it('treats a missing issue time as long ago (full refresh window)', () => {
    const { issuedAt: _ignored, ...withoutIssuedAt } = storedSession();
    const decoded = decodeSessions(JSON.stringify({ v: 1, sessions: [withoutIssuedAt] }));
    assert.equal(decoded.sessions[0].issuedAt, 0);
  });

  describe('over a SecretStore', () => {
    it('stores under the sessions key with its generation, keeps an empty list, and warns once per unreadable value', async () => {
      const secrets = new SharedSecrets();
      const { logger, lines } = collectingLogger();
      const copies = new StoreCopies(secrets.view(), logger);
      const session = storedSession();
      await copies.save([session], 3);
      assert.ok(secrets.values.get(SecretKeys.sessions)?.includes(session.id));
      assert.deepEqual(await copies.read(), { sessions: [session], generation: 3 });
      await copies.save([], 4);
      assert.deepEqual(await copies.read(), { sessions: [], generation: 4 });

      secrets.values.set(SecretKeys.sessions, 'garbage');
      assert.deepEqual((await copies.read()).sessions, []);
      assert.deepEqual((await copies.read()).sessions, []);
      assert.equal(lines.filter((l) => l.level === 'warn').length, 1);
      assert.ok(!lines.some((l) => l.line.includes('garbage')));
    });

    it('reports a failing keychain as a storage error', async () => {
      const failing = { get: async () => Promise.reject(new Error('keychain locked')), store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) };
      await assert.rejects(new StoreCopies(failing, collectingLogger().logger).read(), (e: unknown) => e instanceof BoomTownError && e.reason === 'storage');
    });
  });
});
