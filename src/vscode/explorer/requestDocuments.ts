import * as vscode from 'vscode';
import { readRequestDocument, type RequestDocument, type Span } from '../../core/explorer/intellisense/requestTarget';

/** Request files as the editor features read them, once per document version (every keystroke asks several times). */
export class RequestDocuments {
  private readonly cache = new Map<string, { version: number; read: RequestDocument }>();

  read(document: vscode.TextDocument): RequestDocument {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.read;
    const read = readRequestDocument(document.getText());
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
