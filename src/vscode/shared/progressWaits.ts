import * as vscode from 'vscode';
import type { WaitInfo } from '../../core/api/httpClient';

/** What a progress notification says while an API call waits: a 429's pause or a retry's backoff. */
export function reportWait(progress: vscode.Progress<{ message?: string }>): (info: WaitInfo) => void {
  return (info) =>
    progress.report({
      message:
        info.reason === 'rateLimited'
          ? vscode.l10n.t('Rate limited by BoomTown, retrying in {0} s…', info.seconds)
          : vscode.l10n.t('BoomTown did not answer, retrying in {0} s…', info.seconds),
    });
}
