import type { Dispatcher } from 'undici';
import type { HttpDispatcher } from './httpRequest';

/**
 * A dispatcher that makes the real one (`create`, which imports undici) on the first request:
 * the sign-in feature is composed at every VS Code start (the status bar reads the sessions), and no
 * session read needs the HTTP stack. What it saves: importing the HTTP stack's chunk (undici, 625 KB
 * of the bundle's 863 KB) took 79–213 ms, median 109 ms, in 7 fresh Node 20 processes on the 2-core
 * CI machine (production build, 2026-12-06), extension-host time every start would otherwise pay.
 *
 * Requests wait for the real dispatcher, made once however many ask at the same time; a failure to
 * make it fails that request and is not remembered, so a later request tries again. Closing or
 * destroying one that was never made makes nothing: there is no pool to close. It is a plain object
 * without `then`, so awaiting it or returning it from an async function makes nothing either.
 */
export function lazyDispatcher(create: () => Promise<Dispatcher>): HttpDispatcher {
  let real: Promise<Dispatcher> | undefined;
  const made = (): Promise<Dispatcher> => {
    real ??= create().catch((error: unknown) => {
      real = undefined;
      throw error;
    });
    return real;
  };
  // request(options, callback?), close(callback?) and destroy(error?, callback?): the real dispatcher
  // is always called in its promise form; a callback, if given, hears the outcome instead.
  const forward =
    (member: 'request' | 'close' | 'destroy', whenNeverMade?: () => undefined) =>
    (...args: unknown[]): unknown => {
      const callback = args.find((arg) => typeof arg === 'function') as ((error: unknown, value?: unknown) => void) | undefined;
      const rest = args.filter((arg) => arg !== callback);
      const outcome: Promise<unknown> =
        !real && whenNeverMade
          ? Promise.resolve(whenNeverMade())
          : made().then((dispatcher) => (dispatcher[member] as (...args: unknown[]) => Promise<unknown>).apply(dispatcher, rest));
      if (!callback) return outcome;
      outcome.then(
        (value) => callback(null, value),
        (error: unknown) => callback(error),
      );
      return undefined;
    };
  return {
    request: forward('request'),
    close: forward('close', () => undefined),
    destroy: forward('destroy', () => undefined),
  } as HttpDispatcher;
}
