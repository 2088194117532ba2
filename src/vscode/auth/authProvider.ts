import * as vscode from 'vscode';
import type { AuthSession, SessionsChange } from '../../core/auth/sessionTypes';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { ErrorBoundary } from '../shared/errorBoundary';
import { isCancelled } from '../shared/errorBoundary';
import type { SignInFlow } from './signInFlow';

/**
 * vscode.AuthenticationProvider over the core SessionService. It translates shapes and nothing
 * else: refresh, storage and cross-window rules live in the core. It does not register itself.
 */
export class BoomTownAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly service: SessionService,
    private readonly signIn: SignInFlow,
    private readonly errors: ErrorBoundary,
  ) {
    this.subscription = service.onDidChangeSessions((change: SessionsChange) =>
      this.changes.fire({ added: change.added.map(toVscode), removed: change.removed.map(toVscode), changed: change.changed.map(toVscode) }),
    );
  }

  async getSessions(scopes: readonly string[] | undefined, options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const sessions = await this.service.getSessions(scopes);
    const wanted = options?.account?.id;
    return sessions.filter((s) => !wanted || s.account.id === wanted).map(toVscode);
  }

  async createSession(scopes: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession> {
    try {
      return toVscode(await this.signIn.run(scopes, options?.account));
    } catch (error) {
      // The caller (maybe another extension) gets the error; the user is told here, once: a command
      // that asked for this session learns it was shown (ErrorBoundary.shown) and stays quiet.
      if (isCancelled(error)) throw new vscode.CancellationError();
      this.errors.shown.markShown();
      void this.errors.report('Sign-in', error);
      throw error;
    }
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.service.removeSession(sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }
}

function toVscode(session: AuthSession): vscode.AuthenticationSession {
  return { id: session.id, accessToken: session.accessToken, account: { ...session.account }, scopes: [...session.scopes] };
}
