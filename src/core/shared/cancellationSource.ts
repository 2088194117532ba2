import type { Disposable } from './events';
import type { Cancellation } from './ports';

/** A cancellation we can trigger ourselves, also triggered by an optional parent (the user's cancel button). */
export class CancellationSource implements Disposable {
  private cancelled = false;
  private readonly listeners = new Set<() => void>();
  private readonly parentSubscription?: Disposable;
  readonly token: Cancellation;

  constructor(parent?: Cancellation) {
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return isCancelled();
      },
      onCancellationRequested: (listener) => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
      },
    };
    if (parent?.isCancellationRequested) this.cancelled = true;
    this.parentSubscription = parent?.onCancellationRequested(() => this.cancel());
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const listener of [...this.listeners]) listener();
  }

  dispose(): void {
    this.parentSubscription?.dispose();
    this.listeners.clear();
  }
}
