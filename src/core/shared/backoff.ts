/** How waits grow between attempts: base, 2·base, 4·base … capped at max. */
interface Backoff {
  baseMs: number;
  maxMs: number;
  /**
   * With a random source, "equal jitter": half of each wait is fixed, half random, so clients that
   * failed together spread out. Without one the wait is exact (a memory of failures, not a retry loop).
   */
  random?: () => number;
}

/** The wait after the `failures`-th failure in a row; a server's Retry-After wins when it asks for longer. */
export function backoffDelayMs(failures: number, backoff: Backoff, retryAfterSeconds?: number): number {
  const exponential = Math.min(backoff.baseMs * 2 ** Math.max(0, failures - 1), backoff.maxMs);
  const wait = backoff.random ? Math.round(exponential / 2 + (exponential / 2) * clampUnit(backoff.random())) : exponential;
  return Math.max(wait, (retryAfterSeconds ?? 0) * 1000);
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}
