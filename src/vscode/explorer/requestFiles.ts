import * as vscode from 'vscode';
import { parseRequestFile, requestAtLine } from '../../core/explorer/requestFile/requestFileParser';
import type { RequestBlock, RequestFile } from '../../core/explorer/requestFile/requestFileTypes';
import { userFacingError } from '../../core/shared/errors';


interface RequestAt {
  document: vscode.TextDocument;
  file: RequestFile;
  block: RequestBlock;
}

/** Parsed request files, parsed once per document version (lenses and commands share the result). */
export class RequestFiles {
  private readonly cache = new Map<string, { version: number; file: RequestFile }>();

  parsed(document: vscode.TextDocument): RequestFile {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.file;
    const file = parseRequestFile(document.getText());
    this.cache.set(key, { version: document.version, file });
    // Bounded: only the files open recently matter.
    if (this.cache.size > 20) this.cache.delete(this.cache.keys().next().value as string);
    return file;
  }

  /** The request at (uri, 0-based line), or at the cursor of the active editor when no uri is given. */
  async at(uri?: vscode.Uri | string, line?: number): Promise<RequestAt> {
    const editor = vscode.window.activeTextEditor;
    let document: vscode.TextDocument;
    if (uri !== undefined) document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
    else if (editor) document = editor.document;
    else throw userFacingError('badInput', vscode.l10n.t('Open a .http or .rest file and put the cursor in a request.'));
    const at = line ?? (uri === undefined && editor ? editor.selection.active.line : 0);
    const file = this.parsed(document);
    const block = requestAtLine(file, at);
    if (!block) throw userFacingError('badInput', vscode.l10n.t('There is no request at line {0} of {1}.'), [at + 1, basename(document.uri)]);
    return { document, file, block };
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
