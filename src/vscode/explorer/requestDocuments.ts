import * as vscode from 'vscode';
import type { RequestDocument, Span } from '../../core/explorer/intellisense/requestTarget';
import type { RequestFiles } from './requestFiles';

/**
 * Request files as the editor features read them, once per document version (every keystroke asks
 * several times): the parse the code lenses use, and the lines for columns.
 */
export class RequestDocuments {
  private readonly cache = new Map<string, { version: number; read: RequestDocument }>();

  constructor(private readonly files: RequestFiles) {}

  read(document: vscode.TextDocument): RequestDocument {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.read;
    const read = { file: this.files.parsed(document), lines: document.getText().split(/\r\n|\r|\n/) };
    this.cache.delete(key);
    this.cache.set(key, { version: document.version, read });
    // Bounded: only the files edited recently matter.
    if (this.cache.size > 20) this.cache.delete(this.cache.keys().next().value as string);
    return read;
  }
}

/** Whether VS Code treats the document as a request file (the `http` language, or a .http/.rest name). */
export function isRequestFile(document: vscode.TextDocument): boolean {
  return document.languageId === 'http' || /\.(http|rest)$/i.test(document.uri.path);
}

export function range(span: Span): vscode.Range {
  return new vscode.Range(span.line, span.start, span.line, span.end);
}
