import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Account, AuthSession } from '../../core/auth/sessionTypes';
import type { PendingSignIns } from '../../core/auth/pendingSignIns';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { SignInBrowser } from '../../core/auth/signInBrowser';
import type { Logger } from '../../core/shared/logger';

/**
 * The visible part of a sign-in: a cancellable progress notification while the browser is out.
 * When the browser does not come back (no protocol handler, a remote without forwarding), the
 * notification's links copy the sign-in link and take the URL the browser ended on (or its code);
 * they disappear with the notification when the sign-in ends, however it ends.
 */
export class SignInFlow {
  /** The authorize URL of the sign-in in progress, for "Copy sign-in link". */
  private authorizeUrl: string | undefined;

  constructor(
    private readonly service: SessionService,
    private readonly pending: PendingSignIns,
    private readonly browser: SignInBrowser,
    private readonly logger: Logger,
  ) {}

  run(scopes: readonly string[], account?: Account): Promise<AuthSession> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to BoomTown'), cancellable: true },
        async (progress, token) => {
          const rememberingBrowser: SignInBrowser = {
            redirectUri: () => this.browser.redirectUri(),
            open: async (url) => {
              this.authorizeUrl = url;
              progress.report({
                message: vscode.l10n.t(
                  'Complete the sign-in in your browser. Browser did not come back? [Copy the sign-in link](command:{0}) or [paste the address it ended on](command:{1}).',
                  Commands.copySignInLink,
                  Commands.pasteSignInRedirect,
                ),
              });
              await this.browser.open(url);
            },
          };
          try {
            return await this.service.createSession(scopes, rememberingBrowser, { account, cancellation: token });
          } finally {
            this.authorizeUrl = undefined;
          }
        },
      ),
    );
  }

  async copySignInLink(): Promise<void> {
    if (!this.authorizeUrl) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No BoomTown sign-in is in progress.'));
      return;
    }
    await vscode.env.clipboard.writeText(this.authorizeUrl);
    vscode.window.setStatusBarMessage(vscode.l10n.t('BoomTown sign-in link copied: open it in a browser.'), 5000);
  }

  async pasteRedirect(): Promise<void> {
    if (this.pending.size === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No BoomTown sign-in is in progress.'));
      return;
    }
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Finish BoomTown sign-in'),
      prompt: vscode.l10n.t('Paste the whole address the browser ended on after approving.'),
      ignoreFocusOut: true,
      password: true,
    });
    if (value === undefined) return;
    const outcome = this.pending.handlePaste(value.trim());
    if (outcome === 'matched') return;
    if (outcome === 'needsWholeAddress') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('A code alone cannot finish the sign-in safely. Paste the whole address from the browser\'s address bar: it carries the state that ties it to this sign-in.'),
      );
      return;
    }
    this.logger.warn('The pasted value did not match the sign-in in progress.');
    void vscode.window.showWarningMessage(vscode.l10n.t('That does not belong to the sign-in in progress. Paste the address from the browser tab this sign-in opened.'));
  }
}
