import * as vscode from 'vscode';
import type { Commands } from '../../constants';
import type { ErrorBoundary } from './errorBoundary';

export type CommandId = (typeof Commands)[keyof typeof Commands];
/** Handlers declare the arguments their menus pass (a tree node, say); `never` lets any such list in. */
export type CommandHandler = (...args: never[]) => unknown;

/**
 * Registers a command table. The type demands a handler for every id in `Commands`, and a unit
 * test checks `Commands` against the manifest, so nothing is advertised that is not registered.
 * Every handler runs inside the one error boundary: a command never rejects into the workbench.
 */
export function registerCommandTable(table: Record<CommandId, CommandHandler>, errors: ErrorBoundary): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => errors.run(id, async () => (handler as (...args: unknown[]) => unknown)(...args))),
  );
}
