import * as vscode from 'vscode';
import { safeMessage } from '../../core/shared/plainText';
import { shownText } from '../../core/shared/shownText';
import { AUTH_PROVIDER_ID, Commands, DEFAULT_SCOPES } from '../../constants';
import type { AuthSession } from '../../core/auth/sessionTypes';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { Logger } from '../../core/shared/logger';

/**
 * The status-bar item (the signed-in account, or "Sign in to BoomTown") and the Accounts menu's
 * sign-in entry. (The `boomtown.signedIn` context key is set in vscode/shared/contextKeys.ts.)
 * It reads the sessions on `refresh()`, which the sign-in feature's composition calls first (never
 * activation: no secret is read before the feature is loaded), and on every change.
 */
export class SignInStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('boomtown.account', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly service: SessionService,
    private readonly logger: Logger,
  ) {
    this.item.name = vscode.l10n.t('BoomTown Account');
    this.subscription = service.onDidChangeSessions(() => void this.refresh());
  }

  async refresh(): Promise<AuthSession[]> {
    let sessions: AuthSession[] = [];
    try {
      sessions = await this.service.getSessions(undefined);
    } catch (error) {
      this.logger.warn('Could not read BoomTown sessions for the status bar:', error);
    }
    this.show(sessions);
    // Neither silent nor createIfNone: when nobody is signed in, VS Code adds "Sign in with BoomTown
    // to use BoomTown" to the Accounts menu, which is where people look for it.
    if (sessions.length === 0) await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, {});
    return sessions;
  }

  private show(sessions: AuthSession[]): void {
    if (sessions.length === 0) {
      this.item.text = `$(account) ${vscode.l10n.t('Sign in to BoomTown')}`;
      this.item.tooltip = vscode.l10n.t('Sign in to BoomTown to see your leads');
      this.item.command = Commands.signIn;
    } else {
      // Labels come from the server (/v1/me): `$(icon)` or link syntax in them must stay text.
      const labels = [...new Set(sessions.map((s) => s.account.label))];
      this.item.text = `$(home) ${safeMessage(labels[0])}${labels.length > 1 ? ` +${labels.length - 1}` : ''}`;
      this.item.tooltip = shownText(vscode.l10n.t('Signed in to BoomTown as {0}. Click to fetch leads.'), labels.join(', ')).text;
      this.item.command = Commands.fetchLeads;
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
