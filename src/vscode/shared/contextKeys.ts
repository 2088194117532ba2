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
 * Sessions are first read when the workbench is idle after activation, so activation itself stays
 * free of secret reads.
 */
export class ContextKeyWriter implements vscode.Disposable {
  private readonly subscription: { dispose(): void };
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly service: SessionService,
    private readonly logger: Logger,
  ) {
    this.subscription = service.onDidChangeSessions(() => void this.update());
    this.timer = setTimeout(() => void this.update(), 0);
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
    clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
