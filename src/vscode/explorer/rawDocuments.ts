import * as vscode from 'vscode';
import { RAW_SCHEME } from '../../constants';

/** How many answers to keep for reopening; older ones are dropped so memory stays bounded. */
const KEEP = 50;

/**
 * Read-only virtual documents: the raw JSON of API answers and the diagnosis report. Documents of a
 * TextDocumentContentProvider scheme cannot be edited or saved in place, which is what we want.
 */
export class RawDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private counter = 0;
  /** The answer document each `showFixed` key shows now. */
  private readonly latest = new Map<string, vscode.Uri>();

  /** Contents of `showFixed` documents, kept apart so the numbered answers never push them out. */
  private readonly fixed = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.fixed.get(uri.path) ?? this.contents.get(uri.path) ?? vscode.l10n.t('// This answer is no longer kept. Run the request again.');
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

  /**
   * One answer tab per `key` (e.g. per request file), replaced on every call instead of a new tab
   * each time. Each answer is a new document that takes the old one's place, then the old tab is
   * closed: updating an open virtual document in place makes the workbench diff old and new text
   * in its editor worker, which took a second per answer in the web workbench.
   */
  async showFixed(key: string, content: string, placement: 'beside' | 'active' = 'beside'): Promise<vscode.TextEditor> {
    const safe = key.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'answer';
    const uri = vscode.Uri.from({ scheme: RAW_SCHEME, path: `/fixed/${safe}/${++this.counter}/${safe}.jsonc` });
    this.fixed.set(uri.path, content);
    while (this.fixed.size > KEEP) this.fixed.delete(this.fixed.keys().next().value as string);
    const previous = this.latest.get(key);
    this.latest.set(key, uri);
    const stale = previous ? tabsOf(previous) : [];
    const column = stale[0]?.group.viewColumn ?? (placement === 'active' ? undefined : vscode.ViewColumn.Beside);
    const document = await vscode.workspace.openTextDocument(uri);
    // Beside the request file, keeping the keyboard there so the next request is one keystroke away.
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preview: true, preserveFocus: placement === 'beside' });
    const leftOver = previous ? tabsOf(previous) : [];
    if (leftOver.length) await vscode.window.tabGroups.close(leftOver, true);
    if (previous) this.fixed.delete(previous.path);
    return editor;
  }
}

function tabsOf(uri: vscode.Uri): vscode.Tab[] {
  const wanted = uri.toString();
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === wanted);
}
