/**
 * Two ways to order async work in one window: a serial queue runs tasks one after another, a single
 * flight lets callers of the same key share one run. Neither knows what it runs.
 */

/** Runs async tasks one after another, in call order; a failing task does not stop the queue. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/**
 * At most one run per key at a time: callers that arrive while a run is in flight share its result.
 * The entry is dropped when the run settles, so the next caller starts a fresh run.
 */
export class SingleFlight<K, V> {
  private readonly inFlight = new Map<K, Promise<V>>();

  run(key: K, task: () => Promise<V>): Promise<V> {
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const promise = (async () => {
      try {
        return await task();
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, promise);
    return promise;
  }
}
