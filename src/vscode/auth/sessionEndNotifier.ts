import * as vscode from 'vscode';
import { shownText } from '../../core/shared/shownText';
import { notify } from '../shared/notify';
import { Commands } from '../../constants';
import type { SessionService } from '../../core/auth/sessions/sessionService';

/** Tells the user, once per session, that BoomTown ended it (invalid_grant), with a way back in. */
export class SessionEndNotifier implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(service: SessionService) {
    this.subscription = service.onDidEndSession(async ({ session }) => {
      const again = vscode.l10n.t('Sign in again');
      const choice = await notify('warning', shownText(vscode.l10n.t('Your BoomTown session for {0} has ended. Sign in again to continue.'), session.account.label), {}, again);
      if (choice === again) await vscode.commands.executeCommand(Commands.signIn);
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
