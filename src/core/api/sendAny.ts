import type { Dispatcher } from 'undici';
import { userFacingError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Clock } from '../shared/ports';
import { raceCancellation, throwIfCancelled, toAbortSignal, type Sleep } from '../shared/cancellation';
import type { ApiTimeouts } from '../shared/transport/dispatcher';
import { classifyTransportError, type TransportFailure } from '../shared/transport/transportErrors';
import type { RateLimitGate } from './rateLimitGate';
import { backoffDelayMs, decideRateLimit, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retryPolicy';
import type { RequestOptions } from './httpClient';
import type { TokenSource } from './tokenSource';
import type { RawExchange } from './apiTypes';

/** Any request to the configured API, as a request file writes it. */
export interface OutgoingRequest {
  method: string;
  /** Absolute; must be on the configured API's origin (the token goes nowhere else). */
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

/** What HttpClient lends to `sendAny`: its gate, policy and helpers, so both paths share one 429 gate. */
export interface SendContext {
  dispatcher: Dispatcher;
  apiUrl: string;
  tokens: TokenSource;
  version: string;
  gate: RateLimitGate;
  policy: RetryPolicy;
  timeouts: Pick<ApiTimeouts, 'headersMs' | 'bodyMs'>;
  logger: Logger;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  readBody(body: Dispatcher.ResponseData['body']): Promise<string>;
  visibleHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string>;
}

/** RFC 9110 §9.2.2: only these may be repeated after a 5xx or a reset without risking a second write. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

type Attempt = { kind: 'answered'; raw: RawExchange } | { kind: 'failed'; failure: TransportFailure };

/**
 * The same loop as HttpClient.getJson for any method: the session's token (one refresh and one
 * retry after a 401), every request waiting out a 429 through the client's one gate, backoff after
 * 5xx and resets (idempotent methods only), cancel at any point. Unlike getJson the final answer
 * is returned whatever its status: a request file shows what the server said, as it came.
 */
export async function sendAny(context: SendContext, request: OutgoingRequest, options: SendOptions = {}): Promise<RawExchange> {
  const url = new URL(request.url);
  if (url.origin !== new URL(context.apiUrl).origin) throw userFacingError('badInput', 'Only requests to {0} carry the BoomTown session.', [new URL(context.apiUrl).origin]);
  const method = request.method.toUpperCase();
  const tokens = options.tokens ?? context.tokens;
  const linked = toAbortSignal(options.cancellation);
  const signal = linked.signal;
  const what = `${method} ${url.pathname}`;
  try {
    throwIfCancelled(signal);
    let token = request.ownAuthorization ? undefined : await raceCancellation(tokens.getAccessToken(), signal);
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
        continue;
      }
      if (raw.status === 401 && token) {
        context.logger.warn(`${what} answered 401 again after a refresh; the session is over`);
        await tokens.rejectedAfterRefresh(token.sessionId, token.accessToken);
        return raw;
      }
      if (raw.status === 429) {
        const decision = decideRateLimit(parseRetryAfter(raw.headers['retry-after'], context.clock.now()), rateLimitWaits, context.policy);
        if (!decision.wait) return raw;
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
  const delayMs = backoffDelayMs(retryNumber, context.random, context.policy);
  options.onWait?.({ reason: 'retry', seconds: Math.round(delayMs / 100) / 10, attempt: retryNumber });
  await context.sleep(delayMs, signal);
}

async function dispatchOnce(
  context: SendContext,
  method: string,
  url: URL,
  request: OutgoingRequest,
  accessToken: string | undefined,
  signal: AbortSignal | undefined,
  attempts: number,
): Promise<Attempt> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': `boomtown-vscode/${context.version}` };
  // Written headers replace the defaults (names compared without case); repeated ones are joined.
  for (const [name, value] of request.headers ?? []) {
    const key = name.toLowerCase();
    headers[key] = key in headers && !['accept', 'user-agent'].includes(key) ? `${headers[key]}, ${value}` : value;
  }
  if (accessToken !== undefined) headers.authorization = `Bearer ${accessToken}`;
  const started = performance.now();
  try {
    const response = await context.dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: method as Dispatcher.HttpMethod,
      headers,
      body: request.body,
      signal,
      headersTimeout: context.timeouts.headersMs,
      bodyTimeout: context.timeouts.bodyMs,
    });
    const bodyText = await context.readBody(response.body);
    const raw: RawExchange = {
      method,
      url: url.toString(),
      status: response.statusCode,
      durationMs: Math.round(performance.now() - started),
      headers: context.visibleHeaders(response.headers),
      bodyText,
      attempts,
    };
    // The query is left out: searches carry names, emails and phone numbers.
    context.logger.debug(`${method} ${url.pathname} -> ${raw.status} in ${raw.durationMs} ms`);
    return { kind: 'answered', raw };
  } catch (error) {
    return { kind: 'failed', failure: classifyTransportError(error, signal?.aborted ?? false) };
  }
}
