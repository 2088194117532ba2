import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../constants';
import { classifyLines, TOKEN_KINDS } from '../../core/explorer/requestFile/lineTokens';

/**
 * Basic highlighting for `http` documents, only while no other extension (REST Client, httpYac…)
 * brings a grammar for the language: theirs is richer, and a TextMate grammar of ours would
 * replace it (the last grammar contributed for a language wins). Semantic tokens can be switched
 * on and off at run time; a grammar in the manifest could not. Whether another grammar is installed
 * is found out when the first document asks (it reads every extension's manifest, which activation
 * should not), and again after extensions change: with one, our provider unregisters, so VS Code
 * asks theirs, if any, and otherwise keeps their grammar's colours.
 */
export class HttpHighlighting implements vscode.Disposable {
  private readonly legend = new vscode.SemanticTokensLegend([...TOKEN_KINDS]);
  private registration: vscode.Disposable | undefined;
  /** Unknown until a document asks; forgotten when extensions change. */
  private anotherGrammar: boolean | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.register();
    this.subscription = vscode.extensions.onDidChange(() => {
      this.anotherGrammar = undefined;
      if (!this.registration) this.register();
    });
  }

  private register(): void {
    this.registration = vscode.languages.registerDocumentSemanticTokensProvider(
      { language: 'http' },
      { provideDocumentSemanticTokens: (document) => this.tokens(document) },
      this.legend,
    );
  }

  private tokens(document: vscode.TextDocument): vscode.SemanticTokens | undefined {
    this.anotherGrammar ??= otherHttpGrammar();
    if (!this.anotherGrammar) return tokensOf(document, this.legend);
    this.registration?.dispose();
    this.registration = undefined;
    return undefined;
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
function otherHttpGrammar(): boolean {
  return vscode.extensions.all.some((extension) => {
    if (extension.id.toLowerCase() === EXTENSION_ID.toLowerCase()) return false;
    const grammars: unknown = extension.packageJSON?.contributes?.grammars;
    return Array.isArray(grammars) && grammars.some((grammar: { language?: unknown }) => grammar?.language === 'http');
  });
}
