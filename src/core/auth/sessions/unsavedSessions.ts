import type { StoredSession } from '../sessionTypes';

/**
 * Sessions this window decided (a rotation, a sign-in, a sign-out) but could not persist yet, and the
 * stored list they were derived from. Until they are saved they stay this window's truth, merged
 * over whatever the store holds: a session nobody else touched since `base` takes our version; one
 * another window changed or removed meanwhile takes theirs; our new sign-ins are added.
 */
export interface Unsaved {
  list: readonly StoredSession[];
  base: readonly StoredSession[];
}

export function mergeUnsaved(unsaved: Unsaved, stored: readonly StoredSession[]): StoredSession[] {
  const base = new Map(unsaved.base.map((s) => [s.id, s]));
  const mine = new Map(unsaved.list.map((s) => [s.id, s]));
  const storedIds = new Set(stored.map((s) => s.id));
  const merged: StoredSession[] = [];
  for (const theirs of stored) {
    const before = base.get(theirs.id);
    const untouched = before !== undefined && sameTokens(before, theirs);
    if (!untouched) merged.push(theirs);
    else if (mine.has(theirs.id)) merged.push(mine.get(theirs.id) as StoredSession);
    // else: we removed it
  }
  for (const session of unsaved.list) if (!base.has(session.id) && !storedIds.has(session.id)) merged.push(session);
  return merged;
}

function sameTokens(a: StoredSession, b: StoredSession): boolean {
  return a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;
}
