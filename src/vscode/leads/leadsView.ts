import * as vscode from 'vscode';
import { Views } from '../../constants';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { LeadsModel } from '../../core/leads/leadsModel';
import { LeadsTreeProvider } from './leadsTree';

/**
 * The leads tree view, kept in step with sign-in: signing out empties it (the welcome content
 * with its Sign in button shows), signing in while it shows that state loads the first page.
 */
export function createLeadsView(model: LeadsModel, service: SessionService): vscode.Disposable[] {
  const provider = new LeadsTreeProvider(model);
  const view = vscode.window.createTreeView(Views.leads, { treeDataProvider: provider, showCollapseAll: true });
  const signedIn = async () => (await service.getSessions(undefined)).length > 0;
  const loadIfVisible = () => {
    if (view.visible) void model.showFirstTime(signedIn);
  };
  const subscriptions = [
    provider,
    view,
    view.onDidChangeVisibility(loadIfVisible),
    service.onDidChangeSessions((change) => {
      if (change.removed.length || change.added.length) {
        void service.getSessions(undefined).then((sessions) => {
          if (sessions.length === 0) model.setSignedOut();
          else if (change.added.length && view.visible) void model.load();
        });
      }
    }),
  ];
  loadIfVisible();
  return subscriptions;
}
