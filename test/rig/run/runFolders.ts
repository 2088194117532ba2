import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Fresh folders for one run, all under one temp folder, so nothing touches $HOME or the clone. */
export interface RunFolders {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  codeServerScratch: string;
  browserScratch: string;
  /** The folder the VS Code window opens. */
  workspace: string;
  remove(): Promise<void>;
}

export async function createRunFolders(prefix: string): Promise<RunFolders> {
  const root = await mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  const folders = {
    root,
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    codeServerScratch: path.join(root, 'code-server'),
    browserScratch: path.join(root, 'browser'),
    workspace: path.join(root, 'workspace'),
  };
  for (const dir of Object.values(folders)) await mkdir(dir, { recursive: true });
  return { ...folders, remove: () => rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }) };
}
