import { Emitter, type Event } from '../shared/events';
import type { ExchangeRecord } from './exchangeRecord';

/** What the history needs of workspace state (vscode.Memento fits). */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

interface HistoryLimits {
  /** Exchanges kept, newest first. */
  keep: number;
  /** Request and response bodies are cut to this many characters. */
  maxBodyChars: number;
}

const DEFAULT_HISTORY_LIMITS: HistoryLimits = { keep: 50, maxBodyChars: 64 * 1024 };
const KEY = 'boomtown.requestHistory.v1';

/**
 * The workspace's last exchanges. Records arrive already without tokens (see RequestSender); bodies
 * are cut so a few big answers cannot bloat workspace state. What is stored is re-checked when read:
 * the state may have been written by another version.
 */
export class RequestHistory {
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    private readonly store: KeyValueStore,
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {}

  list(): ExchangeRecord[] {
    const value = this.store.get(KEY);
    return Array.isArray(value) ? value.filter(isRecord).slice(0, this.limits.keep) : [];
  }

  get(id: string): ExchangeRecord | undefined {
    return this.list().find((record) => record.id === id);
  }

  /** The list is updated (and listeners told) at once; the returned promise is the write to the store. */
  async add(record: ExchangeRecord): Promise<void> {
    const kept = [cut(record, this.limits.maxBodyChars), ...this.list().filter((r) => r.id !== record.id)].slice(0, this.limits.keep);
    const written = this.store.update(KEY, kept);
    this.changed.fire();
    await written;
  }

  async clear(): Promise<void> {
    await this.store.update(KEY, []);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function cut(record: ExchangeRecord, max: number): ExchangeRecord {
  const { request, response } = record;
  const body = request.body !== undefined && request.body.length > max ? request.body.slice(0, max) : request.body;
  const answer = response.bodyText.length > max ? { ...response, bodyText: response.bodyText.slice(0, max), cutAt: max } : response;
  return { ...record, request: { ...request, body }, response: answer };
}

function isRecord(value: unknown): value is ExchangeRecord {
  const record = value as ExchangeRecord | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    typeof record.at === 'number' &&
    typeof record.request?.method === 'string' &&
    typeof record.request.url === 'string' &&
    Array.isArray(record.request.headers) &&
    typeof record.response?.status === 'number' &&
    typeof record.response.bodyText === 'string'
  );
}
