import assert from 'node:assert/strict';
import { diffSessions, isEmptyChange } from '../../../../src/core/auth/sessions/registry';
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
