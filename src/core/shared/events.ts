/**
 * A tiny emitter shaped like vscode.Event, so core code can expose events without importing vscode.
 * Nothing standard serves: VS Code takes our events as they are (a provider's onDidChangeSessions,
 * a tree's onDidChangeTreeData), and they must be a function that takes a typed listener and returns
 * a Disposable. Node's EventEmitter and EventTarget are keyed by name, untyped per event, and return
 * no subscription to dispose; vscode.EventEmitter cannot be loaded in core.
 */
export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // A failing listener must not stop the others or the code that fired.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
