import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { LeadNode, LeadsModel } from '../../core/leads/leadsModel';

/** TreeDataProvider over the core LeadsModel: node -> TreeItem, nothing more. */
export class LeadsTreeProvider implements vscode.TreeDataProvider<LeadNode>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<LeadNode | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly model: LeadsModel) {
    this.subscription = model.onDidChange((node) => this.changes.fire(node));
  }

  getChildren(element?: LeadNode): LeadNode[] | Promise<LeadNode[]> {
    if (!element) {
      const roots = this.model.roots();
      // Signed out: no items, so the view's welcome content (with its Sign in button) shows.
      return roots.filter((node) => node.kind !== 'signedOut');
    }
    return this.model.children(element);
  }

  getTreeItem(node: LeadNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }
}

/** Every label arrives already localized: the core LeadsModel translates with @vscode/l10n, given the bundle in activate(). */
function toTreeItem(node: LeadNode): vscode.TreeItem {
  const None = vscode.TreeItemCollapsibleState.None;
  switch (node.kind) {
    case 'lead': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `lead:${node.id}`;
      item.description = node.description;
      // A plain string tooltip: lead data is typed in by the public and must never render as markup.
      item.tooltip = node.tooltip;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = 'boomtown.lead';
      return item;
    }
    case 'section': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.section === 'notes' ? 'note' : 'history');
      item.contextValue = `boomtown.${node.section}`;
      return item;
    }
    case 'note':
    case 'event': {
      const item = new vscode.TreeItem(node.label, None);
      item.id = node.id;
      item.description = node.description;
      item.tooltip = node.tooltip;
      item.iconPath = new vscode.ThemeIcon(node.kind === 'note' ? 'comment' : 'pulse');
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem(node.label, None);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: Commands.loadMore, title: node.label, arguments: [node] };
      item.contextValue = 'boomtown.loadMore';
      return item;
    }
    case 'empty': {
      const item = new vscode.TreeItem(node.label, None);
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    case 'loading': {
      const item = new vscode.TreeItem(node.label, None);
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      return item;
    }
    case 'error': {
      const item = new vscode.TreeItem(node.label, None);
      item.description = vscode.l10n.t('Retry');
      item.tooltip = node.detail;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: Commands.refreshLeads, title: vscode.l10n.t('Retry') };
      item.contextValue = 'boomtown.error';
      return item;
    }
    case 'signedOut': {
      const item = new vscode.TreeItem(vscode.l10n.t('Sign in to BoomTown'), None);
      item.command = { command: Commands.signIn, title: vscode.l10n.t('Sign in to BoomTown') };
      return item;
    }
  }
}
