import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { ContractOperation } from '../../core/api/contract/apiContract';
import { endpointGroups, requestTextFor, type EndpointGroup } from '../../core/explorer/intellisense/endpoints';
import { parseRequestFile } from '../../core/explorer/requestFile/requestFileParser';
import { userFacingError } from '../../core/shared/errors';
import type { ApiContracts } from './apiContracts';
import { isRequestFile } from './requestDocuments';

export type EndpointNode = { kind: 'tag'; group: EndpointGroup } | { kind: 'operation'; operation: ContractOperation };

/** The Endpoints view: the contract's operations grouped by tag, each with its summary; it follows the contract in use. */
export class EndpointsTree implements vscode.TreeDataProvider<EndpointNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EndpointNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly contracts: ApiContracts) {
    this.subscription = contracts.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: EndpointNode): Promise<EndpointNode[]> {
    if (node?.kind === 'operation') return [];
    if (node) return node.group.operations.map((operation) => ({ kind: 'operation', operation }));
    const index = await this.contracts.current();
    return endpointGroups(index.operations).map((group) => ({ kind: 'tag', group }));
  }

  getTreeItem(node: EndpointNode): vscode.TreeItem {
    if (node.kind === 'tag') {
      const item = new vscode.TreeItem(node.group.tag, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `tag:${node.group.tag}`;
      return item;
    }
    const { operation } = node;
    const item = new vscode.TreeItem(`${operation.method.toUpperCase()} ${operation.path}`, vscode.TreeItemCollapsibleState.None);
    item.id = `operation:${operation.method.toUpperCase()} ${operation.path}`;
    item.description = operation.summary;
    item.tooltip = operation.description || operation.summary;
    item.command = { title: vscode.l10n.t('Open as a Request'), command: Commands.endpointsOpenRequest, arguments: [operation.method, operation.path] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/**
 * `boomtown.endpoints.openRequest(method, path)`: writes the operation as a request at the end of the
 * request file in focus, or in a new untitled one, puts the cursor on it, and resolves to the
 * document's URI.
 */
export function openRequestCommand(contracts: ApiContracts): (method?: unknown, path?: unknown) => Promise<vscode.Uri> {
  return async (method, path) => {
    const index = await contracts.current();
    const operation = index.operations.find((known) => known.method.toUpperCase() === String(method).toUpperCase() && known.path === path);
    if (!operation) throw userFacingError('badInput', vscode.l10n.t('The API contract has no operation {0} {1}.'), [String(method).slice(0, 20), String(path).slice(0, 200)]);
    const editor = vscode.window.activeTextEditor;
    if (editor && isRequestFile(editor.document)) return appendTo(editor, operation);
    const { text, requestLine } = requestTextFor(operation);
    const document = await vscode.workspace.openTextDocument({ language: 'http', content: text });
    const shown = await vscode.window.showTextDocument(document);
    select(shown, requestLine);
    return document.uri;
  };
}

async function appendTo(editor: vscode.TextEditor, operation: ContractOperation): Promise<vscode.Uri> {
  const { document } = editor;
  const { text, requestLine } = requestTextFor(operation, parseRequestFile(document.getText()));
  const existing = document.getText();
  // One blank line between the last request and the new one.
  const gap = existing === '' ? '' : existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  const end = document.lineAt(document.lineCount - 1).range.end;
  const firstLine = end.line + (gap.match(/\n/g)?.length ?? 0);
  await editor.edit((edit) => edit.insert(end, gap + text));
  select(editor, firstLine + requestLine);
  return document.uri;
}

function select(editor: vscode.TextEditor, line: number): void {
  const at = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
