/**
 * A small file next to the lock in global storage: the generation of the last sessions write, and,
 * in the browser workbench, the sessions themselves.
 *
 * Why tokens in a file there: in the browser workbench SecretStorage lives in each tab's browser
 * storage, so tabs never see each other's writes, yet their extension hosts share the server's
 * global storage folder. The tabs' common truth must live there, the way command-line tools keep
 * tokens where no keyring is shared: a file only its owner may read or write (0600, in a 0700
 * folder), replaced atomically (write a temporary file, then rename). On desktop, where windows share
 * SecretStorage, the record carries only the generation: a window inside the lock whose last read has
 * that generation knows its copy is current and skips re-reading the keyring.
 */
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

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

  /** undefined when there is no record yet or it is unreadable (then the SecretStore is the truth). */
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
