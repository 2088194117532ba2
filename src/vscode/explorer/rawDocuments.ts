import * as vscode from 'vscode';

export const RAW_SCHEME = 'boomtown-raw';
/** How many answers to keep for reopening; older ones are dropped so memory stays bounded. */
const KEEP = 50;

/**
 * Read-only virtual documents: the raw JSON of API answers and the diagnosis report. Documents of a
 * TextDocumentContentProvider scheme cannot be edited or saved in place, which is what we want.
 */
export class RawDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private counter = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fired when a fixed document (see `showFixed`) gets new content, so an open editor shows it. */
  readonly onDidChange = this.changed.event;

  /** Contents of `showFixed` documents, kept apart so the numbered answers never push them out. */
  private readonly fixed = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.fixed.get(uri.path) ?? this.contents.get(uri.path) ?? vscode.l10n.t('// This answer is no longer kept. Run the request again.');
  }

  async show(title: string, content: string, language: 'jsonc' | 'markdown' = 'jsonc'): Promise<vscode.TextEditor> {
    const safeTitle = title.replace(/[^\w.\-]+/g, '-').slice(0, 60) || 'answer';
    const path = `/${++this.counter}/${safeTitle}.${language === 'jsonc' ? 'jsonc' : 'md'}`;
    this.contents.set(path, content);
    while (this.contents.size > KEEP) this.contents.delete(this.contents.keys().next().value as string);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: RAW_SCHEME, path }));
    const typed = document.languageId === language ? document : await vscode.languages.setTextDocumentLanguage(document, language);
    return vscode.window.showTextDocument(typed, { preview: true });
  }

  /**
   * One document per `key` (e.g. one answer editor per request file), replaced on every call
   * instead of opening a new tab each time. Shown beside the active editor, or where it already is.
   */
  async showFixed(key: string, content: string, placement: 'beside' | 'active' = 'beside'): Promise<vscode.TextEditor> {
    const uri = fixedUri(key);
    this.fixed.delete(uri.path);
    this.fixed.set(uri.path, content);
    while (this.fixed.size > KEEP) this.fixed.delete(this.fixed.keys().next().value as string);
    const updated = untilContent(uri, content);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    // An open document takes the new content asynchronously after the change event: wait for it.
    if (document.getText() !== content) await updated;
    else updated.cancel();
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    if (placement === 'active') return vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, preview: true });
    // Beside the request file, keeping the keyboard there so the next request is one keystroke away.
    return vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Resolves once the document at `uri` holds `content`, or after 5 s (the workbench applies the change asynchronously, slowly under load). */
function untilContent(uri: vscode.Uri, content: string): Promise<void> & { cancel(): void } {
  let cancel = () => undefined as void;
  const promise = new Promise<void>((resolve) => {
    const timer = setTimeout(done, 5000);
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === uri.toString() && event.document.getText() === content) done();
    });
    function done() {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
    cancel = done;
  });
  return Object.assign(promise, { cancel: () => cancel() });
}

/** The URI `showFixed` uses for a key: readable in the tab title, unique per key. */
export function fixedUri(key: string): vscode.Uri {
  const safe = key.replace(/[^\w.\-]+/g, '-').slice(0, 80) || 'answer';
  return vscode.Uri.from({ scheme: RAW_SCHEME, path: `/fixed/${safe}.jsonc` });
}
