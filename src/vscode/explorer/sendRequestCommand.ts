import * as vscode from 'vscode';
import type { HttpClient } from '../../core/api/httpClient';
import { validateRawPath } from '../../core/api/rawPath';
import type { RecentPaths } from './recentPaths';
import type { RequestDispatch } from './requestDispatch';

const KNOWN_PATHS = ['/v1/me', '/v1/leads', '/v1/leads?limit=5', '/v1/agents'];

/** "Send Request…": a GET path typed or picked, sent through the request-file sender, into the same history. */
export function sendRequestCommand(http: HttpClient, dispatch: RequestDispatch, recent: RecentPaths): () => Promise<number | undefined> {
  return async () => {
    const path = await pickPath(recent);
    if (!path) return undefined;
    const relative = validateRawPath(path, http.urlFor('').toString());
    const record = await dispatch.send({ method: 'GET', url: http.urlFor(relative).toString(), headers: [], ownAuthorization: false }, 'active');
    await recent.remember(path);
    return record.response.status;
  };
}

async function pickPath(recent: RecentPaths): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  quickPick.title = vscode.l10n.t('BoomTown: Send Request');
  quickPick.placeholder = vscode.l10n.t('A GET path under the API, e.g. /v1/leads?q=smith');
  const fixed = [
    ...recent.list().map((path) => ({ label: path, description: vscode.l10n.t('recent') })),
    ...KNOWN_PATHS.filter((p) => !recent.list().includes(p)).map((path) => ({ label: path })),
  ];
  quickPick.items = fixed;
  quickPick.onDidChangeValue((value) => {
    // Free input: whatever was typed is offered first, so Enter sends it.
    quickPick.items = value && !fixed.some((i) => i.label === value) ? [{ label: value, description: vscode.l10n.t('send this path') }, ...fixed] : fixed;
  });
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.label ?? (quickPick.value || undefined));
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
