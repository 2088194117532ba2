import * as vscode from 'vscode';
import { requestProblems, type RequestProblem } from '../../core/explorer/intellisense/diagnostics';
import type { ApiContracts } from './apiContracts';
import { isRequestFile, range, type RequestDocuments } from './requestDocuments';

/** How long typing may pause before the file is checked again. */
const SETTLE_MS = 150;

/**
 * Warnings (source "BoomTown") on what the contract says is wrong in open request files: checked
 * when a file opens, after typing settles, and again when the contract or `boomtown.apiUrl` changes.
 */
export class RequestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('BoomTown');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly documents: RequestDocuments,
    private readonly contracts: ApiContracts,
    private readonly apiUrl: () => string,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.check(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.checkSoon(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      contracts.onDidChange(() => this.checkAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('boomtown.apiUrl')) this.checkAll();
      }),
    ];
    this.checkAll();
  }

  /** What the contract finds wrong in `document` now (the quick fixes read these). */
  async problemsOf(document: vscode.TextDocument): Promise<RequestProblem[]> {
    const index = await this.contracts.current();
    return requestProblems(this.documents.read(document), index, this.apiUrl());
  }

  private checkAll(): void {
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  private checkSoon(document: vscode.TextDocument): void {
    if (!isRequestFile(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.check(document);
      }, SETTLE_MS),
    );
  }

  private check(document: vscode.TextDocument): void {
    if (!isRequestFile(document) || document.isClosed) return;
    const version = document.version;
    void this.problemsOf(document).then((problems) => {
      // A later edit's check will say what is wrong then.
      if (document.isClosed || document.version !== version) return;
      this.collection.set(document.uri, problems.map(toDiagnostic));
    });
  }

  private forget(document: vscode.TextDocument): void {
    clearTimeout(this.pending.get(document.uri.toString()));
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(problem: RequestProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range(problem.span), problem.message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'BoomTown';
  diagnostic.code = problem.code;
  return diagnostic;
}
