import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { delay } from '../run/processes';

const POLL_MS = 2000;
const WAIT_LIMIT_MS = 15 * 60_000;

/**
 * Runs `work` while holding `<lockDir>`, created atomically with the holder's pid inside: two
 * checkouts (`npm start` in one, `npm test` in another) must not install into one folder at once.
 * A lock whose holder is gone is taken over.
 */
export async function withInstallLock<T>(lockDir: string, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(lockDir), { recursive: true });
  let told = false;
  for (const started = Date.now(); ; ) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(path.join(lockDir, 'pid'), 'utf8').catch(() => ''));
    if (holder && !isAlive(holder)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > WAIT_LIMIT_MS) throw new Error(`${lockDir} is still held by process ${holder || '?'}: remove it if no install is running`);
    if (!told) log(`waiting for another install into the same folder (process ${holder || '?'}) to finish...`);
    told = true;
    await delay(POLL_MS);
  }
  try {
    await writeFile(path.join(lockDir, 'pid'), String(process.pid));
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
