/**
 * A value made on first use, at most once: how the extension defers loading (and, in the bundle,
 * compiling) the code of a feature until something needs it.
 *
 * - `get()` makes the value the first time and returns that same value afterwards.
 * - A `make` that throws is remembered: every later `get()` throws that error again. Making a feature
 *   registers things as it goes; making it a second time after a failure half-way would register
 *   them twice.
 * - A `make` that asks for its own value (directly or through what it builds) gets an error naming
 *   the deferred value, not a stack overflow or a half-made value.
 * - `whenMade` listeners run once, right after the value is made (or at once if it was made before),
 *   so wiring that needs the value (forwarding its events) happens whoever asked first.
 */
export class Deferred<T> {
  private made: { value: T } | undefined;
  private failed: { error: unknown } | undefined;
  private making = false;
  private readonly listeners: Array<(value: T) => void> = [];

  constructor(
    private readonly name: string,
    private readonly make: () => T,
  ) {}

  get(): T {
    if (this.made) return this.made.value;
    if (this.failed) throw this.failed.error;
    if (this.making) throw new Error(`${this.name} was asked for while it was being made`);
    this.making = true;
    try {
      this.made = { value: this.make() };
    } catch (error) {
      this.failed = { error };
      throw error;
    } finally {
      this.making = false;
    }
    const value = this.made.value;
    for (const listener of this.listeners.splice(0)) listener(value);
    return value;
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
