import assert from 'node:assert/strict';
import { belongsTo, bindUnbound, diffSessions, isEmptyChange, serverOf } from '../../../../src/core/auth/sessions/registry';
import { storedSession } from '../helpers/builders';

describe('registry: diffSessions', () => {
  const a = storedSession();
  const b = storedSession({ account: { id: 'u_2', label: 'bo@example.com' } });
  const ids = (list: Array<{ id: string }>) => list.map((s) => s.id);

  it('names added, removed and visibly changed sessions', () => {
    const renewedA = { ...a, accessToken: 'at-new', refreshToken: 'rt-new' };
    const c = storedSession();
    const change = diffSessions([a, b], [renewedA, c]);
    assert.deepEqual(ids(change.added), [c.id]);
    assert.deepEqual(ids(change.removed), [b.id]);
    assert.deepEqual(ids(change.changed), [a.id]);
    assert.equal(change.changed[0].accessToken, 'at-new');
    assert.equal('refreshToken' in change.changed[0], false, 'refresh tokens never leave the core');
  });

  it('ignores a new refresh token alone and scope order, but not a new label or scope set', () => {
    assert.ok(isEmptyChange(diffSessions([a], [{ ...a, refreshToken: 'rt-2', expiresAt: 1 }])));
    assert.ok(isEmptyChange(diffSessions([a], [{ ...a, scopes: [...a.scopes].reverse() }])));
    assert.equal(diffSessions([a], [{ ...a, account: { ...a.account, label: 'Ada N' } }]).changed.length, 1);
    assert.equal(diffSessions([a], [{ ...a, scopes: ['leads:read'] }]).changed.length, 1);
  });
});

describe('registry: which server a session belongs to', () => {
  const configured = { authUrl: 'https://auth.example.test', apiUrl: 'https://api.example.test/gw' };
  const elsewhere = { authUrl: 'https://auth.other.test', apiUrl: 'https://api.other.test' };

  it('binds only the sessions an older version stored without a server, to the configured one', () => {
    const old = storedSession();
    const own = storedSession({ server: elsewhere });
    assert.ok(belongsTo(old, configured), 'unbound: it belongs to the configured server');
    assert.ok(!belongsTo(own, configured));
    const bound = bindUnbound([old, own], configured);
    assert.deepEqual(bound.map((s) => s.server), [configured, elsewhere]);
    assert.equal(bound[1], own, 'a bound session is kept as it is');
    const none = [own];
    assert.equal(bindUnbound(none, configured), none, 'nothing to bind: the same list (no write)');
  });

  it("compares the settings' URLs normalized, and keeps one it cannot read as written", () => {
    assert.deepEqual(serverOf({ authUrl: 'https://auth.example.test/', apiUrl: 'https://api.example.test/gw//' }), configured);
    assert.deepEqual(serverOf({ authUrl: 'not a url', apiUrl: configured.apiUrl }), { authUrl: 'not a url', apiUrl: configured.apiUrl });
  });
});
