import * as vscode from 'vscode';
import type { Deferred } from '../../core/shared/deferred';

type Callable = (...args: never[]) => unknown;
type MethodsOf<T> = { [K in keyof T]-?: NonNullable<T[K]> extends Callable ? K : never }[keyof T] & string;

export interface ShellShape<T> {
  /** What VS Code calls: forwarded to the real object, made (its feature loaded) by the first call. */
  readonly methods: readonly MethodsOf<T>[];
  /** Events VS Code subscribes to at registration: the shell owns them and relays the real object's, once it exists. */
  readonly events?: readonly MethodsOf<T>[];
}

/**
 * What activation hands to VS Code (a provider, a handler, a tool) in place of an object of a feature
 * that is not loaded yet. The shell has exactly the members listed, so VS Code sees what the real one
 * offers; calling any method makes the feature (`feature.get()`), and from then on its events are relayed
 * whoever made it first. Disposables (relays, emitters) go to `subscriptions`.
 */
export function deferredShell<F, T extends object>(feature: Deferred<F>, pick: (made: F) => T, shape: ShellShape<T>, subscriptions: vscode.Disposable[]): T {
  const shell: Record<string, unknown> = {};
  for (const method of shape.methods) {
    shell[method] = (...args: unknown[]) => {
      const real = pick(feature.get()) as Record<string, (...args: unknown[]) => unknown>;
      return real[method](...args);
    };
  }
  for (const event of shape.events ?? []) {
    const relay = new vscode.EventEmitter<unknown>();
    subscriptions.push(relay);
    shell[event] = relay.event;
    feature.whenMade((made) => {
      const real = pick(made) as Record<string, vscode.Event<unknown>>;
      subscriptions.push(real[event]((change) => relay.fire(change)));
    });
  }
  return shell as T;
}
