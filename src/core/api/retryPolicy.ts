/**
 * Pure decisions about waiting and retrying, so they can be tested as tables and the client stays
 * a simple loop.
 */

export interface RetryPolicy {
  /** Retries of 5xx, resets and timeouts (GETs only); the first attempt is not counted. */
  maxRetries: number;
  /** Waits after a 429 before the request gives up with 'rateLimited'. */
  maxRateLimitRetries: number;
  /** First backoff delay; doubles with every retry (see shared/backoff.ts). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the call fails with 'rateLimited' at once. */
  maxRetryAfterSeconds: number;
  /** Used when a 429 carries no (readable) Retry-After. */
  defaultRetryAfterSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  maxRateLimitRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterSeconds: 60,
  defaultRetryAfterSeconds: 5,
};

/** 501 and 505 will not change on retry; the others are the usual "try again" answers. */
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * `Retry-After` as whole seconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // Only date-shaped values: Date.parse would accept "1.5" or "-3" as a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

export type RateLimitDecision = { wait: true; seconds: number } | { wait: false; retryAfterSeconds: number; why: 'capExceeded' | 'retriesExhausted' };

/** What to do with a 429: wait (how long), or give up (why). */
export function decideRateLimit(retryAfterSeconds: number | undefined, waitsSoFar: number, policy: RetryPolicy): RateLimitDecision {
  const seconds = retryAfterSeconds ?? policy.defaultRetryAfterSeconds;
  if (seconds > policy.maxRetryAfterSeconds) return { wait: false, retryAfterSeconds: seconds, why: 'capExceeded' };
  if (waitsSoFar >= policy.maxRateLimitRetries) return { wait: false, retryAfterSeconds: seconds, why: 'retriesExhausted' };
  return { wait: true, seconds };
}
