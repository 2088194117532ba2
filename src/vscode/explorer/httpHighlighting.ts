import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../constants';
import { classifyLines, TOKEN_KINDS } from '../../core/explorer/requestFile/lineTokens';

/**
 * Basic highlighting for `http` documents, only while no other extension (REST Client, httpYac…)
 * brings a grammar for the language: theirs is richer, and a TextMate grammar of ours would
 * replace it (the last grammar contributed for a language wins). Semantic tokens can be switched
 * on and off at run time; a grammar in the manifest could not.
 */
export class HttpHighlighting implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly subscription: vscode.Disposable;
  private readonly legend = new vscode.SemanticTokensLegend([...TOKEN_KINDS]);

  constructor() {
    this.update();
    this.subscription = vscode.extensions.onDidChange(() => this.update());
  }

  private update(): void {
    const someoneElse = otherHttpGrammar();
    if (someoneElse && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
    } else if (!someoneElse && !this.registration) {
      const legend = this.legend;
      this.registration = vscode.languages.registerDocumentSemanticTokensProvider(
        { language: 'http' },
        { provideDocumentSemanticTokens: (document) => tokensOf(document, legend) },
        legend,
      );
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.registration?.dispose();
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
