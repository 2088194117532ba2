import type { StoredSession } from '../../../../src/core/auth/sessionTypes';

/** Small builders for test data; each test overrides only what it is about. */
let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

export function tokenAnswer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { access_token: unique('at'), token_type: 'Bearer', expires_in: 3600, refresh_token: unique('rt'), scope: 'leads:read offline_access', ...overrides };
}

export function me(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'u_1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Nguyen', teamId: 't_1', ...overrides };
}

export function storedSession(overrides: Partial<StoredSession> = {}): StoredSession {
  const now = Date.now();
  return {
    id: unique('session'),
    accessToken: unique('at'),
    refreshToken: unique('rt'),
    account: { id: 'u_1', label: 'ada@example.com' },
    scopes: ['leads:read', 'offline_access'],
    issuedAt: now,
    expiresAt: now + 3600_000,
    ...overrides,
  };
}
