import { Emitter } from '../../../src/core/shared/events';
import type { SecretStore } from '../../../src/core/shared/ports';

export interface SecretsBehaviour {
  /**
   * How long each get/store/delete takes, in ms (called once per operation). With it, a read sees
   * the value as it was when the read was sent, a write becomes visible when it completes, and
   * onDidChange reaches the windows asynchronously after that: the effect model of a remote or
   * keyring-backed SecretStorage.
   */
  latencyMs?: () => number;
}

/**
 * The secrets of one "machine": several windows (views) share one map, and every write fires
 * onDidChange in every view, as VS Code's SecretStorage does across windows. Writes are async
 * with a macrotask hop so interleavings between windows really happen.
 */
export class SharedSecrets {
  readonly values = new Map<string, string>();
  /** Fail this many of the next store() calls (keyring hiccups); counted down. */
  failStores = 0;
  /** Only stores of this key count down and fail with failStores (every key when undefined). */
  failStoresOf?: string;
  /** Fail this many of the next get() calls. */
  failGets = 0;
  /**
   * A keyring that stays locked: while true every store() fails, whatever the key. Set by
   * `lockAtNextStoreOf` at the chosen write, cleared by the test when the outage ends.
   */
  storesRefused = false;
  private lockAtStoreOf?: string;
  private readonly views = new Set<Emitter<string>>();

  constructor(private readonly behaviour: SecretsBehaviour = {}) {}

  /** From the next store() of `key` on (that one included), every store() fails until storesRefused is set false. */
  lockAtNextStoreOf(key: string): void {
    this.lockAtStoreOf = key;
  }

  view(): SecretStore & { dispose(): void } {
    const emitter = new Emitter<string>();
    this.views.add(emitter);
    const wait = () => {
      const ms = this.behaviour.latencyMs?.() ?? 0;
      return new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
    };
    return {
      get: async (key) => {
        const value = this.values.get(key);
        const failing = this.failGets > 0 && this.failGets-- > 0;
        await wait();
        if (failing) throw new Error('the keyring is locked');
        return this.behaviour.latencyMs ? value : this.values.get(key);
      },
      store: async (key, value) => {
        if (key === this.lockAtStoreOf) {
          this.lockAtStoreOf = undefined;
          this.storesRefused = true;
        }
        const counted = this.failStoresOf === undefined || this.failStoresOf === key;
        const failing = this.storesRefused || (counted && this.failStores > 0 && this.failStores-- > 0);
        await wait();
        if (failing) throw new Error('the keyring refused the write');
        this.values.set(key, value);
        this.notify(key);
      },
      delete: async (key) => {
        await wait();
        if (this.values.delete(key)) this.notify(key);
      },
      onDidChange: emitter.event,
      dispose: () => {
        this.views.delete(emitter);
        emitter.dispose();
      },
    };
  }

  private notify(key: string): void {
    for (const emitter of this.views) setImmediate(() => emitter.fire(key));
  }
}
