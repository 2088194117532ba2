import * as vscode from 'vscode';
import { parseJsonc } from '../../core/shared/jsonc';
import { type IgnoredValue, type ServerSettingKey, serverSettingsIn } from '../../core/shared/serverSettings';
import { readServerSettings } from './settings';

/**
 * The server settings this workspace tries to set, none of which is used. VS Code drops `machine`
 * settings from workspace and folder settings before `inspect()` sees them, so the files themselves
 * are read: the `.code-workspace` file's `settings` and every folder's `.vscode/settings.json`.
 * (`inspect()`'s workspace values are added too, for a VS Code that would let them through.)
 */
export async function ignoredWorkspaceSettings(): Promise<IgnoredValue[]> {
  const ignored = [...readServerSettings().ignored];
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') {
    const parsed = await readJsonc(workspaceFile);
    const settings = parsed && typeof parsed === 'object' ? (parsed as { settings?: unknown }).settings : undefined;
    add(ignored, serverSettingsIn(settings), 'workspace');
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    // A single-folder window's folder settings are its workspace settings.
    const scope = vscode.workspace.workspaceFile ? 'workspace folder' : 'workspace';
    add(ignored, serverSettingsIn(await readJsonc(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'))), scope);
  }
  return ignored;
}

function add(ignored: IgnoredValue[], found: Partial<Record<ServerSettingKey, unknown>>, scope: IgnoredValue['scope']): void {
  for (const [key, value] of Object.entries(found) as Array<[ServerSettingKey, unknown]>) {
    if (!ignored.some((entry) => entry.key === key && entry.scope === scope)) ignored.push({ key, scope, value });
  }
}

async function readJsonc(uri: vscode.Uri): Promise<unknown> {
  try {
    return parseJsonc(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  } catch {
    return undefined; // no such file, or unreadable: it sets nothing
  }
}
