import type * as vscode from 'vscode';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { LeadNode, LeadsModel } from '../../core/leads/leadsModel';

/**
 * The leads tree view, kept in step with sign-in: signing out empties it (the welcome content
 * with its Sign in button shows), signing in while it shows that state loads the first page.
 * The view itself is created at activation (its provider deferred); this wires it once the
 * leads feature is loaded, which the view being shown is one way to cause.
 */
export function wireLeadsView(model: LeadsModel, service: SessionService, view: vscode.TreeView<LeadNode>): vscode.Disposable[] {
  const signedIn = async () => (await service.getSessions(undefined)).length > 0;
  const loadIfVisible = () => {
    if (view.visible) void model.showFirstTime(signedIn);
  };
  const subscriptions = [
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
