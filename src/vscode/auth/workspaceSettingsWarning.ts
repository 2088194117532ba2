import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../constants';
import { type ServerSettingKey, settingId } from '../../core/shared/serverSettings';
import type { Logger } from '../../core/shared/logger';
import { shownText } from '../../core/shared/shownText';
import { notify } from '../shared/notify';
import { ignoredWorkspaceSettings } from '../shared/workspaceServerSettings';

/**
 * One warning per window when this workspace sets a server setting (which is ignored: only user or
 * remote machine settings say where credentials go). Looked at when the sign-in feature starts and
 * again whenever a workspace settings file or the folders change, until the warning has been shown.
 */
export class WorkspaceSettingsWarning implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private shown = false;
  private checking = Promise.resolve();

  constructor(private readonly logger: Logger) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/settings.json');
    const check = () => this.check();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(check),
      watcher.onDidChange(check),
      vscode.workspace.onDidChangeWorkspaceFolders(check),
      vscode.workspace.onDidChangeConfiguration(check),
    );
    this.check();
  }

  /** Serialized, so two quick changes cannot show the warning twice. */
  check(): Promise<void> {
    this.checking = this.checking.then(() => this.checkNow()).catch((error) => this.logger.warn('Could not read the workspace settings.', error));
    return this.checking;
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private async checkNow(): Promise<void> {
    if (this.shown) return;
    const keys = [...new Set((await ignoredWorkspaceSettings()).map((entry) => entry.key))];
    if (keys.length === 0 || this.shown) return;
    this.shown = true;
    this.dispose(); // once per window: nothing left to watch for
    this.logger.warn(`This workspace sets ${keys.map(settingId).join(', ')}; ignored (server settings are read from user settings only).`);
    void this.show(keys);
  }

  private async show(keys: ServerSettingKey[]): Promise<void> {
    const open = vscode.l10n.t('Open User Settings');
    const choice = await notify(
      'warning',
      shownText(
        vscode.l10n.t(
          'This workspace sets {0}, which BoomTown ignores: where your sign-in and tokens go is taken from your user settings only, so a repository cannot send your BoomTown credentials to another server.',
        ),
        keys.map(settingId).join(', '),
      ),
      {},
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openGlobalSettings', { query: `@ext:${EXTENSION_ID}` });
  }
}
