import { BoomTownError } from './errors';
import type { Disposable } from './events';

/**
 * Cancelling, in one place. Two shapes meet here: vscode's CancellationToken (what progress
 * notifications and other extensions hand us, mirrored by `Cancellation`) and AbortSignal (what
 * undici and timers want). Core code accepts either and converts at the edge of a wait or a request.
 */

/** A cancellation signal shaped like vscode.CancellationToken's useful half. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** Callers pass either a vscode-style CancellationToken or an AbortSignal; undici wants a signal. */
export type CancellationLike = Cancellation | AbortSignal;

/** A cancellation we can trigger ourselves, also triggered by an optional parent (the user's cancel button). */
export class CancellationSource implements Disposable {
  private cancelled = false;
  private readonly listeners = new Set<() => void>();
  private readonly parentSubscription?: Disposable;
  readonly token: Cancellation;

  constructor(parent?: Cancellation) {
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return isCancelled();
      },
      onCancellationRequested: (listener) => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
      },
    };
    if (parent?.isCancellationRequested) this.cancelled = true;
    this.parentSubscription = parent?.onCancellationRequested(() => this.cancel());
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const listener of [...this.listeners]) listener();
  }

  dispose(): void {
    this.parentSubscription?.dispose();
    this.listeners.clear();
  }
}

interface LinkedSignal {
  signal: AbortSignal | undefined;
  dispose(): void;
}

/** An AbortSignal that follows `cancellation`; dispose() stops following it. */
export function toAbortSignal(cancellation: CancellationLike | undefined): LinkedSignal {
  if (!cancellation) return { signal: undefined, dispose() {} };
  if (isAbortSignal(cancellation)) return { signal: cancellation, dispose() {} };
  const controller = new AbortController();
  if (cancellation.isCancellationRequested) controller.abort();
  const subscription = cancellation.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => subscription.dispose() };
}

function isAbortSignal(value: CancellationLike): value is AbortSignal {
  return typeof (value as AbortSignal).addEventListener === 'function' && 'aborted' in value;
}

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
