import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretKeys } from '../../../../src/constants';
import { decodeSessions, encodeSessions, RECORD_FILE_NAME, SharedRecord, StoreCopies } from '../../../../src/core/auth/sessions/copies';
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

  it("keeps a session's server, drops one whose server is broken, and reads a null expiry as valid until a 401", () => {
    const server = { authUrl: 'https://auth.example.test', apiUrl: 'https://api.example.test/gw' };
    const bound = storedSession({ server });
    const entries: unknown[] = [
      bound,
      { ...bound, id: 'not-urls', server: { authUrl: 5, apiUrl: server.apiUrl } },
      { ...bound, id: 'not-http', server: { authUrl: 'ftp://auth.example.test', apiUrl: server.apiUrl } },
      { ...bound, id: 'no-expiry', expiresAt: null },
    ];
    const decoded = decodeSessions(JSON.stringify({ v: 1, g: 4, sessions: entries }));
    assert.deepEqual(decoded.sessions.map((s) => s.id), [bound.id, 'no-expiry']);
    assert.deepEqual(decoded.sessions[0].server, server);
    assert.equal(decoded.sessions[1].expiresAt, undefined);
    assert.equal(decoded.problems.length, 2);
    assert.equal(decoded.generation, 4);
  });

  describe('the shared record (sessions.json in global storage)', () => {
    let folder: string;
    beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'boomtown-record-'))));
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('reads nothing when absent, not JSON, of another version or with a generation that is not a whole number', async () => {
      const record = new SharedRecord(folder, 'tokens');
      assert.equal(await record.read(), undefined);
      assert.equal(await record.changedAt(), 0, 'absent: never changed');
      for (const text of ['not json', 'null', '{"v":2,"generation":1}', '{"v":1,"generation":"1"}', '{"v":1,"generation":1.5}']) {
        writeFileSync(join(folder, RECORD_FILE_NAME), text);
        assert.equal(await record.read(), undefined, text);
      }
      await record.write({ generation: 3, sessions: 'encoded' });
      assert.deepEqual(await record.read(), { generation: 3, sessions: 'encoded' });
      assert.ok((await record.changedAt()) > 0);
      // On desktop the record carries the generation only, never tokens.
      assert.deepEqual(await new SharedRecord(folder, 'generation').read(), { generation: 3, sessions: undefined });
    });

    it('a record that cannot be read makes the copies use the keychain, with a warning', async () => {
      mkdirSync(join(folder, RECORD_FILE_NAME));
      const record = new SharedRecord(folder, 'tokens');
      await assert.rejects(record.read(), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
      const secrets = new SharedSecrets();
      const session = storedSession();
      secrets.values.set(SecretKeys.sessions, encodeSessions([session], 2));
      const { logger, lines } = collectingLogger();
      const copies = new StoreCopies(secrets.view(), logger, record);
      assert.deepEqual(await copies.read(), { sessions: [session], generation: 2 });
      assert.equal(await copies.recordGeneration(), undefined);
      assert.ok(lines.some((l) => l.level === 'warn' && l.line.includes('Could not read the sessions record')));
    });
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
