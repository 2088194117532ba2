/** The scopes the authorization server knows. `offline_access` is what asks for a refresh token. */
export const KNOWN_SCOPES = ['offline_access', 'leads:read', 'leads:write', 'agents:read', 'profile'] as const;

export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  offline_access: 'Stay signed in (a refresh token)',
  'leads:read': 'Read your leads, their notes and activity',
  'leads:write': 'Change your leads',
  'agents:read': "Read your team's agents",
  profile: 'Your name and email address',
};

export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; description: string };

/** Space-separated, per RFC 6749 §3.3. Duplicates collapse; unknown names are refused. */
export function parseScope(raw: string | undefined): ScopeCheck {
  const scopes = [...new Set((raw ?? '').split(' ').filter(Boolean))];
  if (scopes.length === 0) return { ok: false, description: 'scope is required' };
  const unknown = scopes.filter((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope));
  if (unknown.length) return { ok: false, description: `unknown scope: ${unknown.join(' ')}` };
  return { ok: true, scopes };
}

export function grantsRefreshToken(scopes: readonly string[]): boolean {
  return scopes.includes('offline_access');
}
