/**
 * Pure decisions about waiting and retrying, so they can be tested as tables and the client stays
 * a simple loop.
 */

export interface RetryPolicy {
  /** Retries of 5xx, resets and timeouts (idempotent methods only); the first attempt is not counted. */
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

function isRetryableStatus(status: number): boolean {
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

type RateLimitDecision = { wait: true; seconds: number } | { wait: false; retryAfterSeconds: number; why: 'capExceeded' | 'retriesExhausted' };

/** What to do with a 429: wait (how long), or give up (why). */
function decideRateLimit(retryAfterSeconds: number | undefined, waitsSoFar: number, policy: RetryPolicy): RateLimitDecision {
  const seconds = retryAfterSeconds ?? policy.defaultRetryAfterSeconds;
  if (seconds > policy.maxRetryAfterSeconds) return { wait: false, retryAfterSeconds: seconds, why: 'capExceeded' };
  if (waitsSoFar >= policy.maxRateLimitRetries) return { wait: false, retryAfterSeconds: seconds, why: 'retriesExhausted' };
  return { wait: true, seconds };
}

/** RFC 9110 §9.2.2: only these may be repeated after a 5xx or a reset without risking a second write. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** How one attempt of a request ended, and where the request stands: all the send loop decides on. */
export interface AttemptState {
  method: string;
  /** An answer (with its Retry-After in seconds, when it had a readable one), or a transport failure. */
  outcome: { status: number; retryAfterSeconds?: number } | { retryable: boolean };
  /** The request carries a session token (not its own Authorization header). */
  withSession: boolean;
  refreshed: boolean;
  transientRetries: number;
  rateLimitWaits: number;
}

/**
 * What the send loop does next. `answer`: hand back this answer (the caller decides what a status
 * means); `fail`: throw the transport failure; `endSession`: the refreshed token was refused too, so
 * the session layer is told, then the answer handed back; `giveUp`: a 429 not waited out (the pause
 * still holds for every request of the client), handed back with why.
 */
export type SendDecision =
  | { next: 'answer' }
  | { next: 'fail' }
  | { next: 'refresh' }
  | { next: 'endSession' }
  | { next: 'wait'; seconds: number }
  | { next: 'retry'; retryNumber: number }
  | { next: 'giveUp'; retryAfterSeconds: number; why: 'capExceeded' | 'retriesExhausted' };

/** The send loop's rules, as one pure function: status × method × attempt → what next. */
export function decideNext(state: AttemptState, policy: RetryPolicy): SendDecision {
  const mayRepeat = IDEMPOTENT.has(state.method.toUpperCase()) && state.transientRetries < policy.maxRetries;
  const retry: SendDecision = { next: 'retry', retryNumber: state.transientRetries + 1 };
  const { outcome } = state;
  if ('retryable' in outcome) return outcome.retryable && mayRepeat ? retry : { next: 'fail' };
  if (outcome.status === 401 && state.withSession) return state.refreshed ? { next: 'endSession' } : { next: 'refresh' };
  if (outcome.status === 429) {
    const rateLimit = decideRateLimit(outcome.retryAfterSeconds, state.rateLimitWaits, policy);
    return rateLimit.wait ? { next: 'wait', seconds: rateLimit.seconds } : { next: 'giveUp', retryAfterSeconds: rateLimit.retryAfterSeconds, why: rateLimit.why };
  }
  if (isRetryableStatus(outcome.status) && mayRepeat) return retry;
  return { next: 'answer' };
}
