import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { classifyRequest } from '../../core/explorer/requestFile/requestBuilder';
import type { RequestFiles } from './requestFiles';

/**
 * "Send with BoomTown" above every request that goes to the configured API. Requests to other
 * hosts get nothing from us: REST Client's or httpYac's own lenses stay the only ones there.
 */
export class RequestCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly files: RequestFiles,
    private readonly apiUrl: () => string,
  ) {
    // Another API URL makes other requests BoomTown's.
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('boomtown.apiUrl')) this.changed.fire();
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const file = this.files.parsed(document);
    const apiUrl = this.apiUrl();
    return file.requests
      .filter((block) => classifyRequest(block, file, apiUrl).kind === 'boomtown')
      .map(
        (block) =>
          new vscode.CodeLens(new vscode.Range(block.requestLine, 0, block.requestLine, 0), {
            title: vscode.l10n.t('Send with BoomTown'),
            command: Commands.sendRequestFile,
            arguments: [document.uri, block.requestLine],
          }),
      );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
