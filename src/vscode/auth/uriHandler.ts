import * as vscode from 'vscode';
import type { PendingSignIns } from '../../core/auth/pendingSignIns';
import type { Logger } from '../../core/shared/logger';

/** The extension's one UriHandler: sign-in callbacks go to the pending sign-ins, which check the state. */
export class CallbackUriHandler implements vscode.UriHandler {
  constructor(
    private readonly pending: PendingSignIns,
    private readonly logger: Logger,
  ) {}

  handleUri(uri: vscode.Uri): void {
    if (uri.path !== '/callback') {
      this.logger.warn(`Ignored a link to an unknown path: ${uri.path}`);
      return;
    }
    // The query is logged redacted by the logger; handleCallback logs whether it matched.
    this.pending.handleCallback(uri.query);
  }
}
