import type { KeyValueStore } from '../../../src/core/explorer/requestHistory';

/**
 * Workspace state in memory, for tests and benchmarks. Values are stored as JSON copies, as
 * VS Code's Memento stores them: a caller that changes an object after `update` does not change
 * what was stored, and what cannot go through JSON does not come back.
 */
export class MemoryState implements KeyValueStore {
  readonly values = new Map<string, unknown>();

  get(key: string): unknown {
    return this.values.get(key);
  }

  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}
