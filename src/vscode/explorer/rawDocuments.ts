import * as vscode from 'vscode';

export const RAW_SCHEME = 'boomtown-raw';
/** How many answers to keep for reopening; older ones are dropped so memory stays bounded. */
const KEEP = 50;

/**
 * Read-only virtual documents: the raw JSON of API answers and the diagnosis report. Documents of a
 * TextDocumentContentProvider scheme cannot be edited or saved in place, which is what we want.
 */
export class RawDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? vscode.l10n.t('// This answer is no longer kept. Run the request again.');
  }

  async show(title: string, content: string, language: 'jsonc' | 'markdown' = 'jsonc'): Promise<vscode.TextEditor> {
    const safeTitle = title.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'answer';
    const path = `/${++this.counter}/${safeTitle}.${language === 'jsonc' ? 'jsonc' : 'md'}`;
    this.contents.set(path, content);
    while (this.contents.size > KEEP) this.contents.delete(this.contents.keys().next().value as string);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: RAW_SCHEME, path }));
    const typed = document.languageId === language ? document : await vscode.languages.setTextDocumentLanguage(document, language);
    return vscode.window.showTextDocument(typed, { preview: true });
  }
}
