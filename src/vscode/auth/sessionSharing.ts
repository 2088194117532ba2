import * as vscode from 'vscode';
import type { CoreOptions } from '../../core';

/**
 * Where this window's extension host can meet the other windows'. The lock (and its record) lives in
 * the extension's global storage folder when that is a folder on the extension host's disk: every
 * window of one desktop, every tab of one code-server or Codespace shares it. In the browser
 * workbench SecretStorage is each tab's own, so the tabs also share their tokens through the record.
 */
export function sessionSharing(context: vscode.ExtensionContext): Pick<CoreOptions, 'globalStorageFolder' | 'shareTokensInRecord'> {
  const storage = context.globalStorageUri;
  const globalStorageFolder = storage.scheme === 'file' ? storage.fsPath : undefined;
  return { globalStorageFolder, shareTokensInRecord: globalStorageFolder !== undefined && vscode.env.uiKind === vscode.UIKind.Web };
}
