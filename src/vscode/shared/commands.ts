import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { ErrorBoundary } from './errorBoundary';

export type CommandId = (typeof Commands)[keyof typeof Commands];
/** Handlers declare the arguments their menus pass (a tree node, say); `never` lets any such list in. */
export type CommandHandler = (...args: never[]) => unknown;

/** The commands the sign-in feature handles; every other command is the workbench features'. */
const AUTH_COMMANDS = [
  Commands.signIn,
  Commands.signOut,
  Commands.setClientSecret,
  Commands.showLog,
  Commands.copySignInLink,
  Commands.pasteSignInRedirect,
  Commands.signInTryAnotherWay,
  Commands.copyDeviceCode,
] as const;
export type AuthCommandId = (typeof AUTH_COMMANDS)[number];
export type WorkbenchCommandId = Exclude<CommandId, AuthCommandId>;

/** The features, made on first use (core/shared/deferred.ts). */
interface CommandFeatures {
  auth: { get(): Promise<{ readonly commands: Record<AuthCommandId, CommandHandler>; readonly parts: { readonly errors: ErrorBoundary } }> };
  workbench: { get(): Promise<{ readonly commands: Record<WorkbenchCommandId, CommandHandler> }> };
}

/**
 * Registers every id in `Commands` at activation (a unit test checks `Commands` against the
 * manifest, so nothing is advertised that is not registered); the feature that handles a command is
 * loaded by its first run. Every handler, and loading the workbench features, runs inside the one
 * error boundary: a command never rejects into the workbench. The boundary is part of the sign-in
 * feature, so only a failure to build that feature itself (a defect, not a user's situation)
 * rejects, and VS Code reports it.
 */
export function registerCommands(features: CommandFeatures): vscode.Disposable[] {
  const isAuthCommand = (id: CommandId): id is AuthCommandId => (AUTH_COMMANDS as readonly CommandId[]).includes(id);
  return Object.values(Commands).map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      const auth = await features.auth.get();
      return auth.parts.errors.run(id, async () => {
        const handler = isAuthCommand(id) ? auth.commands[id] : (await features.workbench.get()).commands[id];
        return (handler as (...args: unknown[]) => unknown)(...args);
      });
    }),
  );
}
