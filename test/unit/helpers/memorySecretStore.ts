import { Emitter } from '../../../src/core/shared/events';
import type { SecretStore } from '../../../src/core/shared/ports';

/**
 * The secrets of one "machine": several windows (views) share one map, and every write fires
 * onDidChange in every view, as VS Code's SecretStorage does across windows. Writes are async
 * with a macrotask hop so interleavings between windows really happen.
 */
export class SharedSecrets {
  readonly values = new Map<string, string>();
  private readonly views = new Set<Emitter<string>>();

  view(): SecretStore & { dispose(): void } {
    const emitter = new Emitter<string>();
    this.views.add(emitter);
    const hop = () => new Promise<void>((resolve) => setImmediate(resolve));
    return {
      get: async (key) => {
        await hop();
        return this.values.get(key);
      },
      store: async (key, value) => {
        await hop();
        this.values.set(key, value);
        this.notify(key);
      },
      delete: async (key) => {
        await hop();
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
