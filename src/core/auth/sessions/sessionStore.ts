import { SecretKeys } from '../../../constants';
import { BoomTownError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { SecretStore } from '../../shared/ports';
import type { StoredSession } from '../sessionTypes';

export const SESSIONS_FORMAT_VERSION = 1;

export interface DecodedSessions {
  sessions: StoredSession[];
  /** Why (parts of) the stored value were discarded; safe to log (never contains values). */
  problems: string[];
}

export function encodeSessions(sessions: readonly StoredSession[]): string {
  return JSON.stringify({
    v: SESSIONS_FORMAT_VERSION,
    sessions: sessions.map((s) => ({
      id: s.id,
      account: { id: s.account.id, label: s.account.label },
      scopes: [...s.scopes],
      accessToken: s.accessToken,
      refreshToken: s.refreshToken,
      expiresAt: s.expiresAt,
      issuedAt: s.issuedAt,
    })),
  });
}

/**
 * Reads what encodeSessions wrote. Never throws: a value that is not JSON, has another version or
 * the wrong shape yields no sessions, and a single broken entry is dropped while the others are kept.
 */
export function decodeSessions(raw: string | undefined): DecodedSessions {
  if (raw === undefined || raw === '') return { sessions: [], problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { sessions: [], problems: ['the stored sessions are not JSON'] };
  }
  if (!isRecord(value)) return { sessions: [], problems: ['the stored sessions are not a JSON object'] };
  if (value.v !== SESSIONS_FORMAT_VERSION) {
    return { sessions: [], problems: [`the stored sessions have version ${JSON.stringify(value.v)}, expected ${SESSIONS_FORMAT_VERSION}`] };
  }
  if (!Array.isArray(value.sessions)) return { sessions: [], problems: ['the stored sessions have no session list'] };
  const sessions: StoredSession[] = [];
  const problems: string[] = [];
  value.sessions.forEach((entry, index) => {
    const session = decodeSession(entry);
    if (!session) problems.push(`stored session #${index} has the wrong shape`);
    else if (sessions.some((s) => s.id === session.id)) problems.push(`stored session #${index} repeats an id`);
    else sessions.push(session);
  });
  return { sessions, problems };
}

function decodeSession(entry: unknown): StoredSession | undefined {
  if (!isRecord(entry) || !isRecord(entry.account)) return undefined;
  const { id, accessToken, refreshToken, expiresAt, issuedAt, scopes } = entry;
  const { id: accountId, label } = entry.account;
  if (!isNonEmptyString(id) || !isNonEmptyString(accessToken) || !isNonEmptyString(accountId) || typeof label !== 'string') return undefined;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) return undefined;
  if (refreshToken !== undefined && !isNonEmptyString(refreshToken)) return undefined;
  if (expiresAt !== undefined && !isFiniteNumber(expiresAt)) return undefined;
  if (issuedAt !== undefined && !isFiniteNumber(issuedAt)) return undefined;
  return {
    id,
    accessToken,
    account: { id: accountId, label },
    scopes: [...scopes],
    refreshToken,
    expiresAt,
    // Unknown issue time: treat the token as long-lived, so the full refresh window applies.
    issuedAt: issuedAt ?? 0,
  };
}

/** Sessions over the SecretStore, under one key. The only place that knows the key and the format. */
export class SessionStore {
  constructor(
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
  ) {}

  readonly key = SecretKeys.sessions;
  /** The unreadable value last warned about, so one broken value is reported once, not on every read. */
  private warnedAbout?: string;

  /** Throws 'storage' only when the SecretStore itself fails; unreadable values are discarded with a warning. */
  async read(): Promise<StoredSession[]> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(this.key);
    } catch (error) {
      throw new BoomTownError('storage', 'Reading the stored sessions failed.', { cause: error });
    }
    const { sessions, problems } = decodeSessions(raw);
    if (problems.length && raw !== this.warnedAbout) {
      this.warnedAbout = raw;
      for (const problem of problems) this.logger.warn(`Discarded stored sign-in data: ${problem}. Signing in again replaces it.`);
    }
    return sessions;
  }

  async write(sessions: readonly StoredSession[]): Promise<void> {
    try {
      if (sessions.length === 0) await this.secrets.delete(this.key);
      else await this.secrets.store(this.key, encodeSessions(sessions));
    } catch (error) {
      throw new BoomTownError('storage', 'Saving the sessions failed.', { cause: error });
    }
  }
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
