import * as vscode from 'vscode';
import type { Account, AuthSession } from '../core/auth/types';
import type { PendingSignIns } from '../core/auth/pendingSignIns';
import type { SessionService } from '../core/auth/sessionService';
import type { SignInBrowser } from '../core/auth/signInBrowser';
import type { Logger } from '../core/logger';

/** How long to wait for the browser before offering the copy/paste way out. */
const FALLBACK_DELAY_MS = 4000;

/**
 * The visible part of a sign-in: a cancellable progress notification while the browser is out,
 * and, when the browser does not come back (no protocol handler, a remote without forwarding), a
 * way to copy the sign-in link and paste back the URL the browser ended on (or its code).
 */
export class SignInFlow {
  constructor(
    private readonly service: SessionService,
    private readonly pending: PendingSignIns,
    private readonly browser: SignInBrowser,
    private readonly logger: Logger,
  ) {}

  run(scopes: readonly string[], account?: Account): Promise<AuthSession> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to BoomTown…'), cancellable: true },
        async (progress, token) => {
          let authorizeUrl: string | undefined;
          const rememberingBrowser: SignInBrowser = {
            redirectUri: () => this.browser.redirectUri(),
            open: async (url) => {
              authorizeUrl = url;
              progress.report({ message: vscode.l10n.t('Complete the sign-in in your browser.') });
              await this.browser.open(url);
            },
          };
          let settled = false;
          const fallback = setTimeout(() => {
            if (!settled && authorizeUrl) void this.offerManualCompletion(authorizeUrl, () => settled);
          }, FALLBACK_DELAY_MS);
          try {
            return await this.service.createSession(scopes, rememberingBrowser, { account, cancellation: token });
          } finally {
            settled = true;
            clearTimeout(fallback);
          }
        },
      ),
    );
  }

  private async offerManualCompletion(authorizeUrl: string, isSettled: () => boolean): Promise<void> {
    const copy = vscode.l10n.t('Copy Sign-in Link');
    const paste = vscode.l10n.t('Paste Redirect URL');
    for (;;) {
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Waiting for the browser to finish the BoomTown sign-in. If it does not come back, open the link yourself and paste the address the browser ends on.'),
        copy,
        paste,
      );
      if (isSettled() || !choice) return;
      if (choice === copy) {
        await vscode.env.clipboard.writeText(authorizeUrl);
        continue;
      }
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Finish BoomTown sign-in'),
        prompt: vscode.l10n.t('Paste the full address the browser ended on after approving (or just its code).'),
        ignoreFocusOut: true,
        password: true,
      });
      if (isSettled() || value === undefined) return;
      if (this.pending.handlePaste(value.trim())) return;
      this.logger.warn('The pasted value did not match the sign-in in progress.');
      void vscode.window.showWarningMessage(vscode.l10n.t('That does not belong to the sign-in in progress. Paste the address from the browser tab this sign-in opened.'));
    }
  }
}
