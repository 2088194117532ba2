import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../constants';
import { classifyLines, TOKEN_KINDS } from '../../core/explorer/requestFile/lineTokens';

/**
 * Basic highlighting for `http` documents, only while no other extension (REST Client, httpYac…)
 * brings a grammar for the language: theirs is richer, and a TextMate grammar of ours would
 * replace it (the last grammar contributed for a language wins). Semantic tokens can be switched
 * off at run time, a grammar in the manifest could not: while another grammar is installed this
 * provider answers no tokens, and the editor keeps that grammar's colours. Whether there is one is
 * found out on the first document, not at activation (it reads every extension's manifest).
 */
export class HttpHighlighting implements vscode.DocumentSemanticTokensProvider, vscode.Disposable {
  readonly legend = new vscode.SemanticTokensLegend([...TOKEN_KINDS]);
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChangeSemanticTokens = this.changes.event;
  private anotherGrammar: boolean | undefined;
  private readonly subscription = vscode.extensions.onDidChange(() => {
    this.anotherGrammar = undefined;
    this.changes.fire();
  });

  provideDocumentSemanticTokens(document: vscode.TextDocument): vscode.SemanticTokens | undefined {
    this.anotherGrammar ??= otherHttpGrammar();
    return this.anotherGrammar ? undefined : tokensOf(document, this.legend);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }
}

function tokensOf(document: vscode.TextDocument, legend: vscode.SemanticTokensLegend): vscode.SemanticTokens {
  const builder = new vscode.SemanticTokensBuilder(legend);
  for (const token of classifyLines(document.getText())) builder.push(token.line, token.start, token.length, token.kind);
  return builder.build();
}

/** Whether another installed extension contributes a grammar for the `http` language. */
export function otherHttpGrammar(): boolean {
  return vscode.extensions.all.some((extension) => {
    if (extension.id.toLowerCase() === EXTENSION_ID.toLowerCase()) return false;
    const grammars: unknown = extension.packageJSON?.contributes?.grammars;
    return Array.isArray(grammars) && grammars.some((grammar: { language?: unknown }) => grammar?.language === 'http');
  });
}
