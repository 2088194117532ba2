import { normalizeBaseUrl } from '../../shared/config';
import type { SessionServer, StoredSession } from '../sessionTypes';

const SESSIONS_FORMAT_VERSION = 1;

interface DecodedSessions {
  sessions: StoredSession[];
  /** Which write produced the value (counted up by every write); 0 when unknown. */
  generation: number;
  /** Why (parts of) the stored value were discarded; safe to log (never contains values). */
  problems: string[];
}

export function encodeSessions(sessions: readonly StoredSession[], generation = 0): string {
  return JSON.stringify({
    v: SESSIONS_FORMAT_VERSION,
    g: generation,
    sessions: sessions.map((s) => ({
      id: s.id,
      account: { id: s.account.id, label: s.account.label },
      scopes: [...s.scopes],
      accessToken: s.accessToken,
      refreshToken: s.refreshToken,
      expiresAt: s.expiresAt !== undefined && Number.isFinite(s.expiresAt) ? s.expiresAt : undefined,
      issuedAt: s.issuedAt,
      server: s.server ? { authUrl: s.server.authUrl, apiUrl: s.server.apiUrl } : undefined,
    })),
  });
}

/**
 * Reads what encodeSessions wrote. Never throws: a value that is not JSON, has another version or
 * the wrong shape yields no sessions, and a single broken entry is dropped while the others are kept.
 */
export function decodeSessions(raw: string | undefined): DecodedSessions {
  if (raw === undefined || raw === '') return { sessions: [], generation: 0, problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { sessions: [], generation: 0, problems: ['the stored sessions are not JSON'] };
  }
  if (!isRecord(value)) return { sessions: [], generation: 0, problems: ['the stored sessions are not a JSON object'] };
  if (value.v !== SESSIONS_FORMAT_VERSION) {
    return { sessions: [], generation: 0, problems: [`the stored sessions have version ${JSON.stringify(value.v)}, expected ${SESSIONS_FORMAT_VERSION}`] };
  }
  if (!Array.isArray(value.sessions)) return { sessions: [], generation: 0, problems: ['the stored sessions have no session list'] };
  const sessions: StoredSession[] = [];
  const problems: string[] = [];
  value.sessions.forEach((entry, index) => {
    const session = decodeSession(entry);
    if (!session) problems.push(`stored session #${index} has the wrong shape`);
    else if (sessions.some((s) => s.id === session.id)) problems.push(`stored session #${index} repeats an id`);
    else sessions.push(session);
  });
  const generation = typeof value.g === 'number' && Number.isSafeInteger(value.g) && value.g >= 0 ? value.g : 0;
  return { sessions, generation, problems };
}

function decodeSession(entry: unknown): StoredSession | undefined {
  if (!isRecord(entry) || !isRecord(entry.account)) return undefined;
  const { id, accessToken, refreshToken, expiresAt, issuedAt, scopes } = entry;
  // A session without a server was stored by an older version (bound on first read); a broken one is dropped.
  const server = entry.server === undefined ? undefined : decodeServer(entry.server);
  if (entry.server !== undefined && !server) return undefined;
  const { id: accountId, label } = entry.account;
  if (!isNonEmptyString(id) || !isNonEmptyString(accessToken) || !isNonEmptyString(accountId) || typeof label !== 'string') return undefined;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) return undefined;
  if (refreshToken !== undefined && !isNonEmptyString(refreshToken)) return undefined;
  // null is how JSON wrote a non-finite expiry (older versions stored Infinity): valid until a 401.
  if (expiresAt !== undefined && expiresAt !== null && !isFiniteNumber(expiresAt)) return undefined;
  if (issuedAt !== undefined && !isFiniteNumber(issuedAt)) return undefined;
  return {
    id,
    accessToken,
    account: { id: accountId, label },
    scopes: [...scopes],
    refreshToken,
    expiresAt: expiresAt === null ? undefined : (expiresAt as number | undefined),
    // Unknown issue time: treat the token as long-lived, so the full refresh window applies.
    issuedAt: issuedAt ?? 0,
    ...(server ? { server } : {}),
  };
}

function decodeServer(value: unknown): SessionServer | undefined {
  if (!isRecord(value) || typeof value.authUrl !== 'string' || typeof value.apiUrl !== 'string') return undefined;
  const authUrl = normalizeBaseUrl(value.authUrl);
  const apiUrl = normalizeBaseUrl(value.apiUrl);
  return authUrl && apiUrl ? { authUrl, apiUrl } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
