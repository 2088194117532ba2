import * as vscode from 'vscode';
import type { Deferred } from '../../core/shared/deferred';

/** The members VS Code calls on the objects activation hands it (providers, handlers, tools). */
type ProviderMember =
  | 'getChildren'
  | 'getTreeItem'
  | 'getParent'
  | 'resolveTreeItem'
  | 'onDidChangeTreeData'
  | 'provideCodeLenses'
  | 'resolveCodeLens'
  | 'onDidChangeCodeLenses'
  | 'provideTextDocumentContent'
  | 'onDidChange'
  | 'getSessions'
  | 'createSession'
  | 'removeSession'
  | 'onDidChangeSessions'
  | 'handleUri'
  | 'prepareInvocation'
  | 'invoke'
  | 'provideCompletionItems'
  | 'resolveCompletionItem'
  | 'provideHover'
  | 'provideCodeActions'
  | 'resolveCodeAction';

/**
 * Every such member the real object has, each marked a method (forwarded) or an event (relayed).
 * The type demands them all: a member added to the real object later (say `getParent`, which
 * `reveal` needs) fails to compile until its stand-in forwards it too.
 */
type ShellMembers<T> = { readonly [K in Extract<keyof T, ProviderMember>]-?: 'method' | 'event' };

/**
 * What activation hands to VS Code (a provider, a handler, a tool) in place of an object of a feature
 * that is not loaded yet. The shell has exactly the members listed, so VS Code sees what the real one
 * offers; calling a method makes the feature (`feature.get()`, which imports its code the first time)
 * and forwards the call once it is made, so every method answers a promise: each member VS Code
 * calls on these objects accepts one. Events are the shell's own, relaying the real object's from the
 * moment the feature is made, whoever made it.
 * Disposables (relays, emitters) go to `subscriptions`.
 */
export function deferredShell<F, T extends object>(feature: Deferred<F>, pick: (made: F) => T, members: ShellMembers<NoInfer<T>>, subscriptions: vscode.Disposable[]): NoInfer<T> {
  const shell: Record<string, unknown> = {};
  for (const [member, kind] of Object.entries(members) as Array<[string, 'method' | 'event']>) {
    if (kind === 'method') {
      shell[member] = async (...args: unknown[]) => {
        const real = pick(await feature.get()) as Record<string, (...args: unknown[]) => unknown>;
        return real[member](...args);
      };
      continue;
    }
    const relay = new vscode.EventEmitter<unknown>();
    subscriptions.push(relay);
    shell[member] = relay.event;
    feature.whenMade((made) => {
      const real = pick(made) as Record<string, vscode.Event<unknown>>;
      subscriptions.push(real[member]((change) => relay.fire(change)));
    });
  }
  return shell as T;
}
