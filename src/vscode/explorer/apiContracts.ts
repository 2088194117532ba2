import * as vscode from 'vscode';
import { API_DESCRIPTION_SETTING, CONFIG_SECTION } from '../../constants';
import { ContractIndex } from '../../core/explorer/intellisense/contractIndex';
import { shownText } from '../../core/shared/shownText';
import { notify } from '../shared/notify';

const SETTING_ID = `${CONFIG_SECTION}.${API_DESCRIPTION_SETTING}`;

/**
 * The contract the editor features use: the built-in one, or the OpenAPI description
 * `boomtown.apiDescription` names. Loaded when first asked for (the first request file or the
 * Endpoints view), never at activation; read again when the setting or the file changes, and
 * `onDidChange` tells the features. A description that cannot be used is one warning naming the file
 * and its first problem; the built-in contract stays. The description is read from disk only: nothing
 * of it is sent anywhere.
 */
export class ApiContracts implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private loading: Promise<ContractIndex> | undefined;
  private watcher: vscode.Disposable | undefined;
  /** The last warning shown, so a file saved again with the same problem does not warn again. */
  private lastWarning: string | undefined;
  private readonly subscription: vscode.Disposable;

  /** `workerFile`: the bundle's description reader, which parses on a worker thread (a 5 MB YAML file takes seconds). */
  constructor(private readonly workerFile: string) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTING_ID) && this.loading) this.reload();
    });
  }

  /** The contract in use; the first call loads it. */
  current(): Promise<ContractIndex> {
    this.loading ??= this.load();
    return this.loading;
  }

  private reload(): void {
    this.loading = this.load();
    void this.loading.then(() => this.changed.fire());
  }

  private async load(): Promise<ContractIndex> {
    // The contract's code (with the YAML reader) is a chunk of its own: loading the workbench features does not load it.
    const [{ builtInContract }, { readApiDescriptionInWorker }] = await Promise.all([
      import('../../core/api/contract/apiContract'),
      import('../../core/api/contract/readInWorker'),
    ]);
    const builtIn = async () => new ContractIndex(await builtInContract());
    const written = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>(API_DESCRIPTION_SETTING, '').trim();
    this.watch(undefined);
    if (written === '') {
      this.lastWarning = undefined;
      return builtIn();
    }
    const uri = descriptionUri(written);
    if (!uri) {
      this.warn(written, vscode.l10n.t('a relative path needs an open workspace folder'), '');
      return builtIn();
    }
    this.watch(uri);
    let bytes: Uint8Array;
    try {
      // Handed to the worker as bytes: decoding 5 MB here would hold this thread too.
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      this.warn(written, error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? vscode.l10n.t('the file does not exist') : String(error), '');
      return builtIn();
    }
    let read;
    try {
      read = await readApiDescriptionInWorker(bytes, uri.toString(), { workerFile: this.workerFile });
    } catch (error) {
      this.warn(written, error instanceof Error ? error.message : String(error), '');
      return builtIn();
    }
    if (!read.ok) {
      this.warn(written, read.problem, read.pointer);
      return builtIn();
    }
    this.lastWarning = undefined;
    return new ContractIndex(read.contract);
  }

  /** Follows the description file (created, saved, deleted); `undefined` stops following. */
  private watch(uri: vscode.Uri | undefined): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (!uri) return;
    const folder = vscode.Uri.joinPath(uri, '..');
    const name = uri.path.split('/').pop() ?? '';
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
    const again = () => this.reload();
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidChange(again), watcher.onDidCreate(again), watcher.onDidDelete(again));
  }

  private warn(file: string, problem: string, pointer: string): void {
    const key = `${file}\n${problem}\n${pointer}`;
    if (key === this.lastWarning) return;
    this.lastWarning = key;
    const message = pointer
      ? shownText(vscode.l10n.t('BoomTown cannot use the API description {0}: {1} (at {2}). The built-in contract stays in use.'), file, problem, pointer)
      : shownText(vscode.l10n.t('BoomTown cannot use the API description {0}: {1}. The built-in contract stays in use.'), file, problem);
    void notify('warning', message);
  }

  dispose(): void {
    this.subscription.dispose();
    this.watcher?.dispose();
    this.changed.dispose();
  }
}

/** A file URI, an absolute path, or a path relative to the first workspace folder. */
function descriptionUri(written: string): vscode.Uri | undefined {
  if (/^file:\/\//i.test(written)) return vscode.Uri.parse(written);
  if (written.startsWith('/') || /^[A-Za-z]:[\\/]/.test(written)) return vscode.Uri.file(written);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, written) : undefined;
}
