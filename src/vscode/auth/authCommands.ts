import * as vscode from 'vscode';
import { safeMessage } from '../../core/shared/plainText';
import { shownText } from '../../core/shared/shownText';
import { notify } from '../shared/notify';
import { AUTH_PROVIDER_ID, DEFAULT_SCOPES } from '../../constants';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { CredentialsSource } from './credentialsSource';
import type { CommandHandler } from '../shared/commands';
import type { ShownFailures } from '../../core/shared/shownFailures';

/**
 * A session for a command, signing in when there is none, through the public getSession path like
 * any consumer. A failed sign-in has been shown by the provider already; `shown` lets the command's
 * error boundary know, so the user is told once.
 */
export function sessionForCommand(shown: ShownFailures): Promise<vscode.AuthenticationSession> {
  return shown.around(async () => vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true }));
}

/** Sign in / out and client-secret commands. */
export function authCommands(deps: { service: SessionService; credentials: CredentialsSource; shown: ShownFailures; showLog: () => void }): {
  signIn: CommandHandler;
  signOut: CommandHandler;
  setClientSecret: CommandHandler;
  showLog: CommandHandler;
} {
  return {
    signIn: async () => {
      const session = await sessionForCommand(deps.shown);
      void notify('info', shownText(vscode.l10n.t('Signed in to BoomTown as {0}.'), session.account.label));
      return session.account.label;
    },
    signOut: async () => {
      const sessions = await deps.service.getSessions(undefined);
      if (sessions.length === 0) {
        void notify('info', shownText(vscode.l10n.t('You are not signed in to BoomTown.')));
        return;
      }
      const picked =
        sessions.length === 1
          ? sessions[0]
          : (await vscode.window.showQuickPick(sessions.map((s) => ({ label: safeMessage(s.account.label), description: safeMessage(s.scopes.join(' ')), session: s })), {
              title: vscode.l10n.t('Sign out of which BoomTown account?'),
            }))?.session;
      if (!picked) return;
      await deps.service.removeSession(picked.id);
      void notify('info', shownText(vscode.l10n.t('Signed out of BoomTown ({0}).'), picked.account.label));
    },
    setClientSecret: async () => {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('BoomTown Client Secret'),
        prompt: vscode.l10n.t('The client secret BoomTown issued with your client id. It is kept in secret storage only.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('The client secret cannot be empty.')),
      });
      if (value === undefined) return;
      await deps.credentials.setSecret(value.trim());
      void notify('info', shownText(vscode.l10n.t('BoomTown client secret saved.')));
    },
    showLog: () => deps.showLog(),
  };
}
