import { SecretKeys } from '../../../constants';
import { BoomTownError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { SecretStore } from '../../shared/ports';
import type { StoredSession } from '../sessionTypes';
import type { SharedRecord } from './lock/sharedRecord';
import { decodeSessions, encodeSessions } from './sessionFormat';

export interface StoredState {
  sessions: StoredSession[];
  generation: number;
}

/**
 * Where the sessions are kept, and which copy is the truth: the SecretStore value, and (browser
 * workbench) the shared record next to the lock. Both carry the generation of the write that made
 * them; the newer wins, the record on a tie, because in the browser workbench it is what every tab
 * shares while SecretStorage is the tab's own. Only SessionVault calls save(), inside a transaction.
 */
export class SessionPersistence {
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
      // The tabs' common truth first: once it is written, no tab can spend the superseded token.
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
