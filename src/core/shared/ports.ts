import type { Event } from './events';

/** What core code needs of SecretStorage. The vscode layer adapts context.secrets to it; tests use a Map. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Fires with the key whenever any window (this one included) changes a secret. */
  readonly onDidChange: Event<string>;
}

/** Time, injected so expiry rules and leases are testable. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
