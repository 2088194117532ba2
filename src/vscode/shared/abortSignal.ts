import type * as vscode from 'vscode';

/**
 * The one place a CancellationToken (a progress notification's, a chat tool call's, a sign-in's)
 * becomes the AbortSignal core takes: once, where the call enters core. The listener ends with the
 * cancel or with the token's source, which VS Code disposes when the call is over.
 */
export function abortSignalOf(token: Pick<vscode.CancellationToken, 'isCancellationRequested' | 'onCancellationRequested'>): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  } else {
    const subscription = token.onCancellationRequested(() => {
      subscription.dispose();
      controller.abort();
    });
  }
  return controller.signal;
}
