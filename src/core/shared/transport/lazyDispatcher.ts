import type { Dispatcher } from 'undici';

/**
 * A Dispatcher that makes the real one (`create`) on first use: activation runs at every VS Code
 * start, and no startup needs the HTTP stack, so loading undici waits for the first request.
 *
 * Every property is forwarded to the real dispatcher, made then. Closing or destroying one that was
 * never made makes nothing: there is no pool to close. `then` is never forwarded, so awaiting or
 * returning it from an async function does not make it either.
 */
export function lazyDispatcher(create: () => Dispatcher): Dispatcher {
  let real: Dispatcher | undefined;
  // close(callback?) and destroy(error?, callback?): the callback form answers through the callback.
  const neverMade = (...args: unknown[]): Promise<void> | void => {
    const callback = args.find((arg) => typeof arg === 'function');
    if (callback) {
      queueMicrotask(() => (callback as () => void)());
      return;
    }
    return Promise.resolve();
  };
  return new Proxy(Object.create(null) as Dispatcher, {
    get(_target, property) {
      if (property === 'then') return undefined;
      if (!real && (property === 'close' || property === 'destroy')) return neverMade;
      real ??= create();
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
    has(_target, property) {
      real ??= create();
      return property in real;
    },
  });
}
