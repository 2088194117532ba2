import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { renderAnswer } from '../../core/explorer/answerDocument';
import type { ExchangeRecord } from '../../core/explorer/exchangeRecord';
import { nextPageOffset } from '../../core/explorer/nextPage';
import type { RawDocuments } from './rawDocuments';

/**
 * The read-only answer editor: one per request file (reused on every send), one for "Send
 * Request…". It remembers which exchange each answer document shows, for its "Next page" lens.
 */
export class AnswerEditor implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly shown = new Map<string, ExchangeRecord>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly documents: RawDocuments) {}

  async show(record: ExchangeRecord, placement: 'beside' | 'active' = 'beside'): Promise<vscode.TextEditor> {
    const editor = await this.documents.showFixed(answerKey(record.request.source), renderAnswer(record), placement);
    this.shown.set(editor.document.uri.toString(), record);
    if (this.shown.size > 50) this.shown.delete(this.shown.keys().next().value as string);
    this.changed.fire();
    return editor;
  }

  /** The exchange an answer document shows, if it is one of ours. */
  recordAt(uri: vscode.Uri | string | undefined): ExchangeRecord | undefined {
    const key = uri === undefined ? vscode.window.activeTextEditor?.document.uri.toString() : uri.toString();
    return key === undefined ? undefined : this.shown.get(key);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const record = this.shown.get(document.uri.toString());
    const offset = record && nextPageOffset(record);
    if (offset === undefined) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: vscode.l10n.t('Next page (offset {0})', offset),
        command: Commands.nextPage,
        arguments: [document.uri.toString()],
      }),
    ];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** "<file name>-<hash of its URI>" for a request file's answers, so two files named alike never share one. */
function answerKey(source: string | undefined): string {
  if (source === undefined) return 'BoomTown answer';
  const name = source.split('/').pop() || 'requests';
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193) >>> 0;
  return `${safeDecode(name)} answer ${hash.toString(36)}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
