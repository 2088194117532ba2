/** Scope lists: the caller's order is kept, duplicates and blanks dropped. */
const OFFLINE_ACCESS = 'offline_access';

export function normalizeScopes(scopes: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const scope of scopes) {
    const trimmed = scope.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

/** What the authorize request asks for: the requested scopes plus offline_access (a refresh token). */
export function authorizeScopes(requested: readonly string[]): string[] {
  return normalizeScopes([...requested, OFFLINE_ACCESS]);
}

export function parseScopeString(value: string): string[] {
  return normalizeScopes(value.split(/\s+/));
}

/** Whether a session granted `have` satisfies a request for `want` (order ignored). */
export function includesScopes(have: readonly string[], want: readonly string[]): boolean {
  const granted = new Set(have);
  return want.every((scope) => granted.has(scope));
}

export function sameScopeSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((scope) => right.has(scope));
}
