/**
 * The slowest recent SecretStore round trips this window measured. The lease's settle is derived
 * from it, so a slow keyring or a remote round trip lengthens the wait instead of breaking it.
 */
export class LatencyGauge {
  private readonly samples: number[] = [];

  constructor(private readonly keep = 32) {}

  async time<T>(operation: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await operation();
    } finally {
      this.samples.push(performance.now() - started);
      if (this.samples.length > this.keep) this.samples.shift();
    }
  }

  /** The slowest of the kept samples; 0 before any. */
  maxMs(): number {
    return this.samples.reduce((max, value) => Math.max(max, value), 0);
  }
}
