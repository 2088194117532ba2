import { sameScopeSet } from '../scopes';
import { type SessionsChange, type StoredSession, toAuthSession } from '../sessionTypes';

/** What a window must announce when its view of the sessions goes from `before` to `after`. */
export function diffSessions(before: readonly StoredSession[], after: readonly StoredSession[]): SessionsChange {
  const previous = new Map(before.map((s) => [s.id, s]));
  const next = new Map(after.map((s) => [s.id, s]));
  const change: SessionsChange = { added: [], removed: [], changed: [] };
  for (const session of after) {
    const old = previous.get(session.id);
    if (!old) change.added.push(toAuthSession(session));
    else if (visiblyDifferent(old, session)) change.changed.push(toAuthSession(session));
  }
  for (const session of before) if (!next.has(session.id)) change.removed.push(toAuthSession(session));
  return change;
}

export function isEmptyChange(change: SessionsChange): boolean {
  return !change.added.length && !change.removed.length && !change.changed.length;
}

/** A new refresh token alone is invisible to consumers; a new access token, account name or scope set is not. */
function visiblyDifferent(a: StoredSession, b: StoredSession): boolean {
  return a.accessToken !== b.accessToken || a.account.id !== b.account.id || a.account.label !== b.account.label || !sameScopeSet(a.scopes, b.scopes);
}
