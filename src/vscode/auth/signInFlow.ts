import * as vscode from 'vscode';
import { safeMessage } from '../../core/shared/plainText';
import { shownText } from '../../core/shared/shownText';
import { abortSignalOf } from '../shared/abortSignal';
import { notify } from '../shared/notify';
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
          const reportingBrowser: SignInBrowser = {
            redirectUri: () => this.browser.redirectUri(),
            open: async (url) => {
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
          return this.service.createSession(scopes, reportingBrowser, { account, cancellation: abortSignalOf(token) });
        },
      ),
    );
  }

  /** Each pending sign-in keeps its own link (PendingSignIns.links); with several, the user picks one. */
  async copySignInLink(): Promise<void> {
    const links = this.pending.links();
    if (links.length === 0) {
      void notify('info', shownText(vscode.l10n.t('No BoomTown sign-in is in progress.')));
      return;
    }
    const link = links.length === 1 ? links[0] : await this.pickLink(links);
    if (!link) return;
    await vscode.env.clipboard.writeText(link);
    vscode.window.setStatusBarMessage(vscode.l10n.t('BoomTown sign-in link copied: open it in a browser.'), 5000);
  }

  private async pickLink(links: string[]): Promise<string | undefined> {
    const items = links.map((link, index) => ({
      label: vscode.l10n.t('Sign-in {0} of {1}', index + 1, links.length),
      description: safeMessage(new URL(link).searchParams.get('scope') ?? ''),
      link,
    }));
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Copy the link of which BoomTown sign-in?') }))?.link;
  }

  async pasteRedirect(): Promise<void> {
    if (this.pending.size === 0) {
      void notify('info', shownText(vscode.l10n.t('No BoomTown sign-in is in progress.')));
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
      void notify(
        'warning',
        shownText(vscode.l10n.t('A code alone cannot finish the sign-in safely. Paste the whole address from the browser\'s address bar: it carries the state that ties it to this sign-in.')),
      );
      return;
    }
    this.logger.warn('The pasted value did not match the sign-in in progress.');
    void notify('warning', shownText(vscode.l10n.t('That does not belong to the sign-in in progress. Paste the address from the browser tab this sign-in opened.')));
  }
}
