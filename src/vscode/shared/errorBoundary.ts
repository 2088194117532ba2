import * as vscode from 'vscode';
import { BoomTownError, isBoomTownError, type ErrorReason } from '../../core/shared/errors';
import type { Logger } from '../../core/shared/logger';
import { Commands } from '../../constants';
import { AlreadyShown, ShownFailures } from '../../core/shared/shownFailures';
import { errorDetail, shownText, type ShownText } from '../../core/shared/shownText';
import { notify } from './notify';

/**
 * The one place that decides what the user sees for an error. Cancelling is silent; every other
 * reason gets a message in the user's words with the action most likely to fix it.
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
    this.logger.error(`${what} failed:`, error);
    const { message, actions } = present(error);
    const choice = await notify('error', message, {}, ...actions.map((a) => a.title));
    const action = actions.find((a) => a.title === choice);
    if (action) await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
  }
}

export function isCancelled(error: unknown): boolean {
  return isBoomTownError(error, 'cancelled') || error instanceof vscode.CancellationError;
}

interface Action {
  title: string;
  command: string;
  args?: unknown[];
}

function present(error: unknown): { message: ShownText; actions: Action[] } {
  const showLog: Action = { title: vscode.l10n.t('Show Log'), command: Commands.showLog };
  if (!(error instanceof BoomTownError)) {
    return { message: shownText(vscode.l10n.t('BoomTown: something went wrong. The log has the details.')), actions: [showLog] };
  }
  // Errors made for the user carry a template the workbench can translate; others keep their text.
  // Either way what came from outside (a server's text, a file's names) is defused here.
  const detail = errorDetail(error, (text) => vscode.l10n.t(text));
  const table: Record<ErrorReason, () => { message: ShownText; actions: Action[] }> = {
    cancelled: () => ({ message: shownText(''), actions: [] }),
    // The core's timeout messages say what timed out and what to do, in full sentences.
    timeout: () => ({ message: shownText(vscode.l10n.t('BoomTown: {0}'), detail), actions: [showLog] }),
    stateMismatch: () => ({ message: shownText(vscode.l10n.t('That sign-in link does not belong to a sign-in in progress. Start the sign-in again.')), actions: [] }),
    // access_denied can be the server's policy as much as the user's choice: say what the server said, and where to look.
    accessDenied: () => ({
      message: shownText(vscode.l10n.t('BoomTown sign-in: {0} "Diagnose Sign-in" checks the client id, the redirect address and the settings.'), detail),
      actions: [{ title: vscode.l10n.t('Diagnose Sign-in'), command: Commands.diagnose }, signIn()],
    }),
    invalidGrant: () => ({ message: shownText(vscode.l10n.t('Your BoomTown session has ended. Sign in again to continue.')), actions: [signIn()] }),
    invalidClient: () => ({
      message: shownText(vscode.l10n.t('BoomTown rejected the client id or secret. Check "boomtown.clientId" and the client secret.')),
      actions: [{ title: vscode.l10n.t('Set Client Secret'), command: Commands.setClientSecret }, openSettings('boomtown.clientId')],
    }),
    oauthError: () => ({ message: shownText(vscode.l10n.t('BoomTown refused the sign-in: {0}'), detail), actions: [showLog] }),
    missingClientId: () => ({
      message: shownText(vscode.l10n.t('Set your BoomTown client id ("boomtown.clientId" or BOOMTOWN_CLIENT_ID) to sign in.')),
      actions: [openSettings('boomtown.clientId')],
    }),
    missingClientSecret: () => ({
      message: shownText(vscode.l10n.t('Set your BoomTown client secret to sign in. It is kept in secret storage, never in settings.')),
      actions: [{ title: vscode.l10n.t('Set Client Secret'), command: Commands.setClientSecret }],
    }),
    notSignedIn: () => ({ message: shownText(vscode.l10n.t('Sign in to BoomTown first.')), actions: [signIn()] }),
    forbidden: () => ({ message: shownText(vscode.l10n.t('BoomTown says you may not see this: {0}'), detail), actions: [] }),
    notFound: () => ({ message: shownText(vscode.l10n.t('BoomTown has no such item: {0}'), detail), actions: [] }),
    rateLimited: () => ({ message: shownText(vscode.l10n.t('BoomTown is rate limiting requests. Try again in a moment.')), actions: [] }),
    serverError: () => ({ message: shownText(vscode.l10n.t('BoomTown had a problem answering ({0}). Try again later.'), detail), actions: [showLog] }),
    network: () => ({
      message: shownText(vscode.l10n.t('Could not reach BoomTown: {0}. Check your connection, proxy and the "boomtown.authUrl"/"boomtown.apiUrl" settings.'), detail),
      actions: [{ title: vscode.l10n.t('Diagnose'), command: Commands.diagnose }, showLog],
    }),
    malformedResponse: () => ({ message: shownText(vscode.l10n.t('BoomTown sent an answer that could not be read: {0}'), detail), actions: [showLog] }),
    badRequest: () => ({ message: shownText(vscode.l10n.t('BoomTown rejected the request: {0}'), detail), actions: [] }),
    badInput: () => ({ message: detail, actions: [] }),
    storage: () => ({ message: shownText(vscode.l10n.t('Could not use the secret storage: {0}'), detail), actions: [showLog] }),
  };
  return table[error.reason]();
}

function signIn(): Action {
  return { title: vscode.l10n.t('Sign in to BoomTown'), command: Commands.signIn };
}

function openSettings(setting: string): Action {
  return { title: vscode.l10n.t('Open Settings'), command: 'workbench.action.openSettings', args: [setting] };
}
