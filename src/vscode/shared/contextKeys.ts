import * as vscode from 'vscode';
import { ContextKeys } from '../../constants';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { Logger } from '../../core/shared/logger';

/**
 * The one place that sets context keys (`setContext`), each from the model that owns its state.
 * The manifest's `when` clauses and walkthrough read them: `boomtown.signedIn` picks the leads
 * view's welcome content and its title buttons. A unit test checks that every key the manifest
 * reads is declared in ContextKeys, set here, and set nowhere else.
 *
 * It reads the sessions on `update()`, which the sign-in feature's composition calls first (never
 * activation: no secret is read before the feature is loaded), and on every change.
 */
export class ContextKeyWriter implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly service: SessionService,
    private readonly logger: Logger,
  ) {
    this.subscription = service.onDidChangeSessions(() => void this.update());
  }

  async update(): Promise<void> {
    let signedIn = false;
    try {
      signedIn = (await this.service.getSessions(undefined)).length > 0;
    } catch (error) {
      this.logger.warn('Could not read BoomTown sessions for the signed-in context key:', error);
    }
    await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, signedIn);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
