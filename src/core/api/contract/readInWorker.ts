/**
 * readApiDescription on a worker thread, so a large description never blocks the caller's thread:
 * only the finished contract (operations and parameters, not the document) is copied back. The
 * worker is started per read (a description is read when the setting or the file changes, rarely)
 * and ends with it; cancelling terminates it.
 */
import { Worker } from 'node:worker_threads';
import type { ApiDescriptionResult } from './apiContract';
import { BoomTownError } from '../../shared/errors';

export interface WorkerReadOptions {
  /**
   * The worker's script: descriptionWorker.ts as built (the bundle's `apiDescriptionWorker.mjs`
   * beside the extension's own files), or the TypeScript source's path with
   * `execArgv: ['--require', 'tsx/cjs']` in tests and benchmarks.
   */
  workerFile: URL | string;
  execArgv?: string[];
  signal?: AbortSignal;
}

/**
 * `content` is the description's text, or its bytes as read from disk (UTF-8). Either way the worker
 * gets a byte buffer that is moved, not copied: structured-cloning a 5 MB string holds the calling
 * thread for tens of milliseconds, moving a buffer costs nothing (a copy of the caller's bytes is made
 * first, so theirs stay usable).
 */
export function readApiDescriptionInWorker(content: string | Uint8Array, source: string, options: WorkerReadOptions): Promise<ApiDescriptionResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new BoomTownError('cancelled', 'reading the API description was cancelled'));
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content.slice();
    const worker = new Worker(options.workerFile, {
      workerData: { bytes, source },
      transferList: [bytes.buffer],
      ...(options.execArgv ? { execArgv: options.execArgv } : {}),
    });
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      finish();
      void worker.terminate();
    };
    const onAbort = (): void => settle(() => reject(new BoomTownError('cancelled', 'reading the API description was cancelled')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (result: ApiDescriptionResult) => settle(() => resolve(result)));
    worker.once('error', (error) => settle(() => reject(new BoomTownError('badInput', `reading the API description failed: ${error.message}`, { cause: error }))));
    worker.once('exit', (code) => settle(() => reject(new BoomTownError('badInput', `the API description reader stopped (exit code ${code}) before it answered`))));
  });
}
