/**
 * A value made on first use, at most once: how the extension defers importing a feature's code (a
 * dynamic `import()`, a chunk of its own in the bundle) until something needs it.
 *
 * - `get()` starts making the value the first time and returns that same promise afterwards, so
 *   callers that ask at the same time share one making: a feature is imported and composed once.
 * - A `make` that fails (throws or rejects) is remembered: every later `get()` rejects with that error.
 *   Making a feature registers things as it goes; making it a second time after a failure half-way
 *   would register them twice.
 * - A `make` that asks for its own value before its first `await` gets an error naming the deferred
 *   value, not a promise that waits for itself.
 * - `whenMade` listeners run once, right after the value is made (or at once if it was made before),
 *   so wiring that needs the value (forwarding its events) happens whoever asked first.
 */
export class Deferred<T> {
  private made: { value: T } | undefined;
  private promise: Promise<T> | undefined;
  private making = false;
  private readonly listeners: Array<(value: T) => void> = [];

  constructor(
    private readonly name: string,
    private readonly make: () => T | Promise<T>,
  ) {}

  get(): Promise<T> {
    if (this.promise) return this.promise;
    if (this.making) return Promise.reject(new Error(`${this.name} was asked for while it was being made`));
    let started: T | Promise<T>;
    this.making = true;
    try {
      started = this.make();
    } catch (error) {
      started = Promise.reject(error);
    } finally {
      this.making = false;
    }
    this.promise = Promise.resolve(started).then((value) => {
      this.made = { value };
      for (const listener of this.listeners.splice(0)) listener(value);
      return value;
    });
    return this.promise;
  }

  /** The value if it has been made, without making it. */
  peek(): T | undefined {
    return this.made?.value;
  }

  whenMade(listener: (value: T) => void): void {
    if (this.made) listener(this.made.value);
    else this.listeners.push(listener);
  }
}
