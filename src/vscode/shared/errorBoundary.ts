import * as vscode from 'vscode';
import { isBoomTownError } from '../../core/shared/errors';
import { typedSignInCancellation } from '../../core/auth/flows/workbenchCancellation';
import { userMessage, type FailureAction } from '../../core/shared/failures';
import type { Logger } from '../../core/shared/logger';
import { Commands } from '../../constants';
import { AlreadyShown, ShownFailures } from '../../core/shared/shownFailures';
import { notify } from './notify';

/**
 * The one place that shows the user an error: what it says and which buttons come with it are the
 * failure table's (core/shared/failures.ts); this binds the buttons to commands. Cancelling is silent.
 */
export class ErrorBoundary {
  /** What the user was told outside a command (by the authentication provider), so no command tells them again. */
  readonly shown = new ShownFailures();

  constructor(private readonly logger: Logger) {}

  /** Runs `task`; a failure is logged, shown, and swallowed (commands resolve quietly). */
  async run<T>(what: string, task: () => Promise<T>): Promise<T | undefined> {
    try {
      return await task();
    } catch (error) {
      await this.report(what, error);
      return undefined;
    }
  }

  async report(what: string, error: unknown): Promise<void> {
    if (isCancelled(error)) {
      this.logger.info(`${what}: cancelled`);
      return;
    }
    if (error instanceof AlreadyShown) {
      this.logger.info(`${what} failed; the user has been told already.`);
      return;
    }
    // Undefined only for a cancellation, which returned above.
    const shown = userMessage(error);
    if (!shown) return;
    this.logger.error(`${what} failed:`, error);
    const actions = shown.actions.map(action);
    const choice = await notify('error', shown.message, {}, ...actions.map((a) => a.title));
    const chosen = actions.find((a) => a.title === choice);
    if (chosen) await vscode.commands.executeCommand(chosen.command, ...(chosen.args ?? []));
  }
}

/** Ours, or VS Code's (Cancel on its "wants to sign in" dialog, a dismissed account picker): see workbenchCancellation.ts. */
export function isCancelled(error: unknown): boolean {
  return isBoomTownError(typedSignInCancellation(error), 'cancelled') || error instanceof vscode.CancellationError;
}

interface Action {
  title: string;
  command: string;
  args?: unknown[];
}

/** The buttons the failure table names, bound to this extension's commands. */
function action(kind: FailureAction): Action {
  switch (kind) {
    case 'showLog':
      return { title: vscode.l10n.t('Show Log'), command: Commands.showLog };
    case 'signIn':
      return { title: vscode.l10n.t('Sign in to BoomTown'), command: Commands.signIn };
    case 'diagnose':
      return { title: vscode.l10n.t('Diagnose'), command: Commands.diagnose };
    case 'diagnoseSignIn':
      return { title: vscode.l10n.t('Diagnose Sign-in'), command: Commands.diagnose };
    case 'setClientSecret':
      return { title: vscode.l10n.t('Set Client Secret'), command: Commands.setClientSecret };
    case 'openClientIdSetting':
      return { title: vscode.l10n.t('Open Settings'), command: 'workbench.action.openSettings', args: ['boomtown.clientId'] };
  }
}
