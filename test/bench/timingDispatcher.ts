import type { Dispatcher } from 'undici';

/**
 * A dispatcher that adds up the wall time its requests take (sent to last byte), so a figure can
 * subtract the HTTP round trips from an operation and show what the client itself adds.
 */
export function timingDispatcher(inner: Dispatcher): { dispatcher: Dispatcher; httpMs: () => number; reset(): void } {
  let total = 0;
  const ends = new Set(['onComplete', 'onError', 'onResponseEnd', 'onResponseError']);
  const dispatcher = inner.compose((dispatch) => (options, handler) => {
    const started = performance.now();
    let done = false;
    const wrapped = new Proxy(handler, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (typeof property === 'string' && ends.has(property)) {
          return (...args: unknown[]) => {
            if (!done) {
              done = true;
              total += performance.now() - started;
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    return dispatch(options, wrapped);
  });
  return { dispatcher, httpMs: () => total, reset: () => (total = 0) };
}
