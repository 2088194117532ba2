import * as vscode from 'vscode';
import { completionsAt, type CompletionKind } from '../../core/explorer/intellisense/completion';
import { hoverAt } from '../../core/explorer/intellisense/hover';
import type { ApiContracts } from './apiContracts';
import type { RequestDiagnostics } from './requestDiagnostics';
import { range, type RequestDocuments } from './requestDocuments';

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  path: vscode.CompletionItemKind.Module,
  parameter: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  variable: vscode.CompletionItemKind.Variable,
};

/**
 * Completion, hovers and quick fixes in request files, from the contract in use (core/explorer/
 * intellisense does the work; this maps it to VS Code's types). Requests to other hosts get nothing.
 */
export class RequestIntelliSense implements vscode.CompletionItemProvider, vscode.HoverProvider, vscode.CodeActionProvider {
  constructor(
    private readonly documents: RequestDocuments,
    private readonly contracts: ApiContracts,
    private readonly diagnostics: RequestDiagnostics,
    private readonly apiUrl: () => string,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const index = await this.contracts.current();
    return completionsAt(this.documents.read(document), position, index, this.apiUrl()).map((completion) => {
      const item = new vscode.CompletionItem(completion.label, KINDS[completion.kind]);
      item.detail = completion.detail;
      if (completion.documentation) item.documentation = new vscode.MarkdownString(completion.documentation);
      item.insertText = completion.insertText;
      item.range = range(completion.range);
      item.sortText = completion.sortText;
      return item;
    });
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const index = await this.contracts.current();
    const hover = hoverAt(this.documents.read(document), position, index, this.apiUrl());
    return hover ? new vscode.Hover(new vscode.MarkdownString(hover.markdown), range(hover.span)) : undefined;
  }

  /** "Replace with …" for an unknown path or parameter that has a near known one. */
  async provideCodeActions(document: vscode.TextDocument, asked: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const problems = await this.diagnostics.problemsOf(document);
    return problems
      .filter((problem) => problem.replacement !== undefined && range(problem.span).intersection(asked) !== undefined)
      .map((problem) => {
        const replacement = problem.replacement as string;
        const action = new vscode.CodeAction(vscode.l10n.t('Replace with {0}', replacement), vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, range(problem.span), replacement);
        action.diagnostics = context.diagnostics.filter((shown) => shown.source === 'BoomTown' && shown.range.isEqual(range(problem.span)));
        action.isPreferred = true;
        return action;
      });
  }
}
