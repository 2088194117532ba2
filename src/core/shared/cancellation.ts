import { BoomTownError } from './errors';

/**
 * Cancelling, in core: the platform's AbortSignal, which undici and timers take as is. The vscode
 * layer turns a CancellationToken into one, once, where a call enters core (vscode/shared/abortSignal.ts).
 */

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BoomTownError('cancelled', 'Cancelled.');
}

/** How the client waits. Injected so tests can make waits instant or hold them open. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A real timer that ends early with 'cancelled' when the signal fires. */
export const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new BoomTownError('cancelled', 'Cancelled.'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new BoomTownError('cancelled', 'Cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** A plain wait nobody cancels (the refresh lease's polling): timerSleep without a signal. */
export function delay(ms: number): Promise<void> {
  return timerSleep(ms);
}

/** Waits on `promise` unless the signal fires first (the promise itself keeps running). */
export function raceCancellation<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new BoomTownError('cancelled', 'Cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new BoomTownError('cancelled', 'Cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
