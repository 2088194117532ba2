import { userFacingError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Clock } from '../shared/ports';
import { raceCancellation, throwIfCancelled, toAbortSignal, type Sleep } from '../shared/cancellation';
import { backoffDelayMs } from '../shared/backoff';
import type { TransportFailure } from '../shared/transport/transportErrors';
import type { RateLimitGate } from './rateLimitGate';
import { decideRateLimit, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retryPolicy';
import type { RequestOptions } from './httpClient';
import type { TokenSource } from './tokenSource';
import { refuseOutside } from './apiBase';
import type { RawExchange } from './apiTypes';
import { l10n } from '../shared/localize';

/** Any request to the configured API, as a request file writes it. */
export interface OutgoingRequest {
  method: string;
  /** Absolute; must be under the API of the session whose token it carries (the token goes nowhere else). */
  url: string;
  headers?: Array<[name: string, value: string]>;
  body?: string;
  /** The request carries its own Authorization header: no session token, no refresh on 401. */
  ownAuthorization?: boolean;
}

export interface SendOptions extends RequestOptions {
  /** Whose token to add (an account the user picked); the client's own source otherwise. */
  tokens?: TokenSource;
}

/**
 * What HttpClient lends to `sendAny`: its gate, policy and its one exchange function (the shared
 * transport with its limits and overall deadline), so both paths share one 429 gate and one way out.
 */
export interface SendContext {
  apiUrl: string;
  tokens: TokenSource;
  gate: RateLimitGate;
  policy: RetryPolicy;
  logger: Logger;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  /** The headers every API request carries (accept, user-agent); written headers may replace them. */
  defaultHeaders(): Record<string, string>;
  attempt(method: string, url: URL, headers: Record<string, string>, signal: AbortSignal | undefined, attempts: number, body?: string): Promise<Attempt>;
}

/** RFC 9110 §9.2.2: only these may be repeated after a 5xx or a reset without risking a second write. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export type Attempt = { kind: 'answered'; raw: RawExchange } | { kind: 'failed'; failure: TransportFailure };

/**
 * The same loop as HttpClient.getJson for any method: the session's token (one refresh and one
 * retry after a 401), every request waiting out a 429 through the client's one gate, backoff after
 * 5xx and resets (idempotent methods only), cancel at any point. Unlike getJson the final answer
 * is returned whatever its status: a request file shows what the server said, as it came.
 */
export async function sendAny(context: SendContext, request: OutgoingRequest, options: SendOptions = {}): Promise<RawExchange> {
  const url = new URL(request.url);
  if (url.origin !== new URL(context.apiUrl).origin) throw userFacingError('badInput', l10n.t('Only requests to {0} carry the BoomTown session.'), [new URL(context.apiUrl).origin]);
  const method = request.method.toUpperCase();
  const tokens = options.tokens ?? context.tokens;
  const linked = toAbortSignal(options.cancellation);
  const signal = linked.signal;
  const what = `${method} ${url.pathname}`;
  try {
    throwIfCancelled(signal);
    let token = request.ownAuthorization ? undefined : await raceCancellation(tokens.getAccessToken(), signal);
    // Checked against the session's own API before anything is sent: the settings may name another server since.
    if (token) refuseOutside(url, token.apiUrl);
    let refreshed = false;
    let transientRetries = 0;
    let rateLimitWaits = 0;
    for (let attempts = 1; ; attempts++) {
      await context.gate.passThrough(signal);
      throwIfCancelled(signal);
      const attempt = await dispatchOnce(context, method, url, request, token?.accessToken, signal, attempts);
      const mayRepeat = IDEMPOTENT.has(method) && transientRetries < context.policy.maxRetries;
      if (attempt.kind === 'failed') {
        if (!attempt.failure.retryable || !mayRepeat) throw attempt.failure.error;
        transientRetries++;
        context.logger.warn(`${what} failed (${attempt.failure.error.reason}); retry ${transientRetries} of ${context.policy.maxRetries}`);
        await backoff(context, transientRetries, options, signal);
        continue;
      }
      const { raw } = attempt;
      if (raw.status === 401 && token && !refreshed) {
        refreshed = true;
        context.logger.info(`${what} answered 401; refreshing the session once`);
        token = await raceCancellation(tokens.refreshAfterUnauthorized(token.sessionId, token.accessToken), signal);
        refuseOutside(url, token.apiUrl);
        continue;
      }
      if (raw.status === 401 && token) {
        context.logger.warn(`${what} answered 401 again after a refresh; the session is over`);
        await tokens.rejectedAfterRefresh(token.sessionId, token.accessToken);
        return raw;
      }
      if (raw.status === 429) {
        const decision = decideRateLimit(parseRetryAfter(raw.headers['retry-after'], context.clock.now()), rateLimitWaits, context.policy);
        if (!decision.wait) {
          // Shown as it came, yet the server's word holds for every request of this client.
          context.gate.pauseFor(decision.retryAfterSeconds);
          return raw;
        }
        rateLimitWaits++;
        context.logger.warn(`${what} rate limited; every request waits ${decision.seconds} s`);
        context.gate.pauseFor(decision.seconds);
        options.onWait?.({ reason: 'rateLimited', seconds: decision.seconds, attempt: rateLimitWaits });
        continue;
      }
      if (isRetryableStatus(raw.status) && mayRepeat) {
        transientRetries++;
        context.logger.warn(`${what} answered ${raw.status}; retry ${transientRetries} of ${context.policy.maxRetries}`);
        await backoff(context, transientRetries, options, signal);
        continue;
      }
      return raw;
    }
  } finally {
    linked.dispose();
  }
}

async function backoff(context: SendContext, retryNumber: number, options: SendOptions, signal: AbortSignal | undefined): Promise<void> {
  const delayMs = backoffDelayMs(retryNumber, { baseMs: context.policy.baseDelayMs, maxMs: context.policy.maxDelayMs, random: context.random });
  options.onWait?.({ reason: 'retry', seconds: Math.round(delayMs / 100) / 10, attempt: retryNumber });
  await context.sleep(delayMs, signal);
}

function dispatchOnce(
  context: SendContext,
  method: string,
  url: URL,
  request: OutgoingRequest,
  accessToken: string | undefined,
  signal: AbortSignal | undefined,
  attempts: number,
): Promise<Attempt> {
  const headers = context.defaultHeaders();
  // Written headers replace the defaults (names compared without case); repeated ones are joined.
  for (const [name, value] of request.headers ?? []) {
    const key = name.toLowerCase();
    headers[key] = key in headers && !['accept', 'user-agent'].includes(key) ? `${headers[key]}, ${value}` : value;
  }
  if (accessToken !== undefined) headers.authorization = `Bearer ${accessToken}`;
  return context.attempt(method, url, headers, signal, attempts, request.body);
}
