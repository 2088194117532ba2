/**
 * The store's two copies of the sessions and their format. The keychain copy is one SecretStorage
 * key; the shared record is a file `sessions.json` next to the lock in global storage. Both carry
 * the generation of the write that made them; the newer wins, the record on a tie, because in the
 * browser workbench it is what every tab shares while SecretStorage is the tab's own.
 *
 * The record holds the generation of the last write and, in the browser workbench, the sessions
 * themselves. Why tokens in a file there: in the browser workbench SecretStorage lives in each tab's
 * browser storage, so tabs never see each other's writes, yet their extension hosts share the
 * server's global storage folder. The tabs' common copy must live there, the way command-line tools
 * keep tokens where no keyring is shared: a file only its owner may read or write (0600, in a 0700
 * folder), replaced atomically (write a temporary file, then rename). On desktop, where windows share
 * SecretStorage, the record carries only the generation: a window inside the lock whose last read has
 * that generation knows its copy is current and skips re-reading the keyring.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SecretKeys } from '../../../constants';
import { normalizeBaseUrl } from '../../shared/config';
import { BoomTownError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { SecretStore } from '../../shared/ports';
import type { SessionServer, StoredSession } from '../sessionTypes';

/** Reads both copies and saves both. Only the store's transactions call save() (store.ts). */
export class StoreCopies {
  /** The unreadable value last warned about, so one broken value is reported once. */
  private warnedAbout?: string;

  constructor(
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
    readonly record?: SharedRecord,
  ) {}

  /** Throws 'storage' when the SecretStore itself fails; unreadable values are discarded with a warning. */
  async read(): Promise<StoredState> {
    const [fromSecrets, fromRecord] = await Promise.all([this.readSecrets(), this.readRecordSessions()]);
    return fromRecord && fromRecord.generation >= fromSecrets.generation ? fromRecord : fromSecrets;
  }

  /** The generation of the last write any window sharing the record made; undefined without a record. */
  async recordGeneration(): Promise<number | undefined> {
    return (await this.readRecordQuietly())?.generation;
  }

  async save(sessions: readonly StoredSession[], generation: number): Promise<void> {
    const encoded = encodeSessions(sessions, generation);
    if (this.record?.holdsTokens) {
      // The tabs' common copy first: once it is written, no tab can spend the superseded token.
      await this.writeRecord(generation, encoded);
      await this.writeSecrets(encoded);
    } else {
      await this.writeSecrets(encoded);
      if (this.record) await this.writeRecord(generation);
    }
  }

  private async readSecrets(): Promise<StoredState> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(SecretKeys.sessions);
    } catch (error) {
      throw new BoomTownError('storage', 'Reading the stored sessions failed.', { cause: error });
    }
    return this.decode(raw);
  }

  private async readRecordSessions(): Promise<StoredState | undefined> {
    if (!this.record?.holdsTokens) return undefined;
    const contents = await this.readRecordQuietly();
    return contents?.sessions === undefined ? undefined : { ...this.decode(contents.sessions), generation: contents.generation };
  }

  private async readRecordQuietly() {
    try {
      return await this.record?.read();
    } catch (error) {
      this.logger.warn('Could not read the sessions record in global storage; using secret storage.', error);
      return undefined;
    }
  }

  private decode(raw: string | undefined): StoredState {
    const { sessions, generation, problems } = decodeSessions(raw);
    if (problems.length && raw !== this.warnedAbout) {
      this.warnedAbout = raw;
      for (const problem of problems) this.logger.warn(`Discarded stored sign-in data: ${problem}. Signing in again replaces it.`);
    }
    return { sessions, generation };
  }

  private async writeSecrets(encoded: string): Promise<void> {
    try {
      // An empty list is stored, not deleted, so its generation survives a sign-out.
      await this.secrets.store(SecretKeys.sessions, encoded);
    } catch (error) {
      throw new BoomTownError('storage', 'Saving the sessions failed.', { cause: error });
    }
  }

  private async writeRecord(generation: number, encoded?: string): Promise<void> {
    try {
      await this.record?.write({ generation, sessions: encoded });
    } catch (error) {
      throw new BoomTownError('storage', 'Saving the sessions record in global storage failed.', { cause: error });
    }
  }
}

type RecordMode = 'generation' | 'tokens';

interface RecordContents {
  generation: number;
  /** The encoded sessions (the SecretStore value format); only in 'tokens' mode. */
  sessions?: string;
}

export const RECORD_FILE_NAME = 'sessions.json';
const RECORD_FORMAT_VERSION = 1;

export class SharedRecord {
  private readonly path: string;

  constructor(
    private readonly directory: string,
    readonly mode: RecordMode,
  ) {
    this.path = join(directory, RECORD_FILE_NAME);
  }

  get holdsTokens(): boolean {
    return this.mode === 'tokens';
  }

  /** undefined when there is no record yet or it is unreadable (then the keychain copy is used). */
  async read(): Promise<RecordContents | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      if (value?.v !== RECORD_FORMAT_VERSION || typeof value.generation !== 'number' || !Number.isSafeInteger(value.generation)) return undefined;
      const sessions = this.holdsTokens && typeof value.sessions === 'string' ? value.sessions : undefined;
      return { generation: value.generation, sessions };
    } catch {
      return undefined;
    }
  }

  /** When the record last changed (0 when absent): a cheap way for a tab to notice another tab's write. */
  async changedAt(): Promise<number> {
    try {
      return (await stat(this.path)).mtimeMs;
    } catch {
      return 0;
    }
  }

  async write(contents: RecordContents): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const body: Record<string, unknown> = { v: RECORD_FORMAT_VERSION, generation: contents.generation };
    if (this.holdsTokens && contents.sessions !== undefined) body.sessions = contents.sessions;
    const temporary = `${this.path}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(body), { mode: 0o600 });
    // writeFile's mode is masked by the umask; make it owner-only whatever the umask says.
    await chmod(temporary, 0o600);
    await rename(temporary, this.path);
  }
}

const SESSIONS_FORMAT_VERSION = 1;

/** The sessions as one copy holds them. */
export interface StoredState {
  sessions: StoredSession[];
  /** Which write produced the value (counted up by every write); 0 when unknown. */
  generation: number;
}

interface DecodedSessions extends StoredState {
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
