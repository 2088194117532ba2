import * as l10n from '@vscode/l10n';
import type { HttpDispatcher } from '../shared/transport/httpRequest';
import { withoutTrailingSlashes } from '../shared/trailingSlashes';
import { userFacingError } from '../shared/errors';
import { silentLogger, type Logger } from '../shared/logger';
import { systemClock, type Clock } from '../shared/ports';
import { raceCancellation, throwIfCancelled, timerSleep, type Sleep } from '../shared/cancellation';
import { backoffDelayMs } from '../shared/backoff';
import { DEFAULT_TIMEOUTS, type ApiTimeouts } from '../shared/transport/dispatcher';
import { DEFAULT_MAX_BODY_BYTES, exchange, headerValue } from '../shared/transport/httpRequest';
import type { TransportFailure } from '../shared/transport/transportErrors';
import { ApiError, errorForStatus, parseJsonBody, pausedError } from './httpErrors';
import { RateLimitGate } from './rateLimitGate';
import { decideNext, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retryPolicy';
import type { SessionToken, TokenSource } from './tokenSource';
import { refuseOutside, sessionUrl } from './apiBase';
import type { RawExchange } from './apiTypes';

export interface WaitInfo {
  reason: 'rateLimited' | 'retry';
  seconds: number;
  /** 1 for the first wait of this kind in this call. */
  attempt: number;
}

export interface RequestOptions {
  /** The platform's cancellation, as undici takes it (the vscode layer makes one from a CancellationToken). */
  cancellation?: AbortSignal;
  /** Told before every wait, so a progress notification can say "rate limited, retrying in 12 s". */
  onWait?: (info: WaitInfo) => void;
}

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

interface HttpClientDeps {
  dispatcher: HttpDispatcher;
  config: () => { apiUrl: string };
  tokens: TokenSource;
  /** The extension version, for the User-Agent. */
  version?: string;
  logger?: Logger;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  /** Per-exchange limits (the connect timeout belongs to the dispatcher: see createApiDispatcher). */
  timeouts?: Partial<RequestTimeouts>;
  retry?: Partial<RetryPolicy>;
  maxResponseBytes?: number;
}

interface JsonResponse {
  json: unknown;
  raw: RawExchange;
}

interface RequestTimeouts extends Pick<ApiTimeouts, 'headersMs' | 'bodyMs'> {
  /** One exchange, from sending to the last byte of the body, whatever the silences in between. */
  overallMs: number;
}

const DEFAULT_REQUEST_TIMEOUTS: RequestTimeouts = { headersMs: DEFAULT_TIMEOUTS.headersMs, bodyMs: DEFAULT_TIMEOUTS.bodyMs, overallMs: 60_000 };

type Attempt = { kind: 'answered'; raw: RawExchange } | { kind: 'failed'; failure: TransportFailure };

/** The final answer of the loop, and the Retry-After it gave up on, if it did. */
interface Sent {
  raw: RawExchange;
  gaveUp?: { retryAfterSeconds: number; why: 'capExceeded' | 'retriesExhausted' };
}

/** Never shown in raw exchanges: they carry credentials or session state. */
const HIDDEN_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * Requests to the BoomTown API, through one send loop, with everything a call needs around it: the
 * bearer token (one refresh after a 401), waiting out 429s for every caller at once, retrying
 * transient failures with backoff. `getJson` (leads, export, chat tools, Diagnose) turns the final
 * answer into data or a typed error; `exchange` (request files, Send Request…) hands it back as it
 * came. Each exchange goes through the one transport (shared/transport/httpRequest.ts), bounded by
 * its limits and an overall deadline.
 *
 * Why not undici's RetryAgent / interceptors.retry: they retry inside one dispatch with the same
 * headers, so they cannot swap the token after a 401, cannot pause other requests on a 429, cannot
 * report waits, refuse an overlong Retry-After, or be made to wait with an injected sleep; and
 * after giving up they throw RequestRetryError instead of letting the error body through. The loop
 * here is short and its decisions live in retryPolicy.ts as pure functions.
 */
export class HttpClient {
  private readonly gate: RateLimitGate;
  private readonly policy: RetryPolicy;
  private readonly timeouts: RequestTimeouts;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(private readonly deps: HttpClientDeps) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
    this.timeouts = { ...DEFAULT_REQUEST_TIMEOUTS, ...deps.timeouts };
    this.logger = deps.logger ?? silentLogger;
    this.clock = deps.clock ?? systemClock;
    this.sleep = deps.sleep ?? timerSleep;
    this.random = deps.random ?? Math.random;
    this.gate = new RateLimitGate(this.clock, this.sleep);
  }

  /**
   * The absolute URL of a path under the configured API base (the base may carry a path prefix), for
   * checking and showing paths. A request goes to the API of the session whose token it carries.
   */
  urlFor(pathAndQuery: string): URL {
    return new URL(withoutTrailingSlashes(this.deps.config().apiUrl) + pathAndQuery);
  }

  /** A GET under the session's API, read as JSON: any non-2xx final answer becomes a typed error that keeps the exchange. */
  async getJson(pathAndQuery: string, options: RequestOptions = {}): Promise<JsonResponse> {
    // The session's own API, not the settings': its token goes nowhere else.
    const { raw, gaveUp } = await this.send((token) => sessionUrl(token?.apiUrl ?? this.deps.config().apiUrl, pathAndQuery), { method: 'GET' }, options);
    if (raw.status >= 200 && raw.status < 300) return { json: parseJsonBody(raw), raw };
    // The loop has already refreshed once and told the session layer.
    if (raw.status === 401) throw new ApiError('notSignedIn', 'BoomTown no longer accepts this session; sign in again.', raw, { status: 401 });
    if (gaveUp?.why === 'capExceeded') throw pausedError(gaveUp.retryAfterSeconds, this.clock.now(), raw);
    throw errorForStatus(raw, { retryAfterSeconds: gaveUp?.retryAfterSeconds });
  }

  /**
   * Any method, headers and body (request files, Send Request…), through the same loop as getJson;
   * the final answer is returned whatever its status: a request file shows what the server said.
   */
  async exchange(request: OutgoingRequest, options: SendOptions = {}): Promise<RawExchange> {
    const url = new URL(request.url);
    const configured = new URL(this.deps.config().apiUrl).origin;
    if (url.origin !== configured) throw userFacingError('badInput', l10n.t('Only requests to {0} carry the BoomTown session.'), [configured]);
    const target = (token: SessionToken | undefined) => {
      // Checked against the session's own API before anything is sent: the settings may name another server since.
      if (token) refuseOutside(url, token.apiUrl);
      return url;
    };
    return (await this.send(target, request, options)).raw;
  }

  /**
   * The one send loop: the session's token (one refresh and one retry after a 401), every request
   * waiting out a 429 through the client's one gate (or refused while it stays closed beyond the
   * cap), backoff after 5xx and resets (idempotent methods only), cancel at any point. What to do
   * after each attempt is decided by `decideNext` (retryPolicy.ts), a pure function.
   */
  private async send(target: (token: SessionToken | undefined) => URL, request: Omit<OutgoingRequest, 'url'>, options: SendOptions): Promise<Sent> {
    const method = request.method.toUpperCase();
    const tokens = options.tokens ?? this.deps.tokens;
    const signal = options.cancellation;
    throwIfCancelled(signal);
    let token = request.ownAuthorization ? undefined : await raceCancellation(tokens.getAccessToken(), signal);
    let url = target(token);
    const what = `${method} ${url.pathname}`;
    let refreshed = false;
    let transientRetries = 0;
    let rateLimitWaits = 0;
    for (let attempts = 1; ; attempts++) {
      this.refuseWhilePausedBeyondCap();
      await this.gate.passThrough(signal);
      throwIfCancelled(signal);
      const attempt = await this.attempt(method, url, this.headersFor(request, token), signal, attempts, request.body);
      const outcome =
        attempt.kind === 'failed'
          ? { retryable: attempt.failure.retryable }
          : { status: attempt.raw.status, retryAfterSeconds: parseRetryAfter(attempt.raw.headers['retry-after'], this.clock.now()) };
      const decision = decideNext({ method, outcome, withSession: token !== undefined, refreshed, transientRetries, rateLimitWaits }, this.policy);

      if (decision.next === 'retry') {
        transientRetries = decision.retryNumber;
        const why = attempt.kind === 'failed' ? `failed (${attempt.failure.error.reason})` : `answered ${attempt.raw.status}`;
        this.logger.warn(`${what} ${why}; retry ${transientRetries} of ${this.policy.maxRetries}`);
        await this.backoff(transientRetries, options, signal);
        continue;
      }
      if (attempt.kind === 'failed') throw attempt.failure.error;
      const { raw } = attempt;

      if (decision.next === 'refresh' && token) {
        refreshed = true;
        this.logger.info(`${what} answered 401; refreshing the session once`);
        token = await raceCancellation(tokens.refreshAfterUnauthorized(token.sessionId, token.accessToken), signal);
        url = target(token);
        continue;
      }
      if (decision.next === 'endSession' && token) {
        this.logger.warn(`${what} answered 401 again after a refresh; the session is over`);
        await tokens.rejectedAfterRefresh(token.sessionId, token.accessToken);
        return { raw };
      }
      if (decision.next === 'wait') {
        rateLimitWaits++;
        this.logger.warn(`${what} rate limited; every request waits ${decision.seconds} s`);
        this.gate.pauseFor(decision.seconds);
        options.onWait?.({ reason: 'rateLimited', seconds: decision.seconds, attempt: rateLimitWaits });
        continue;
      }
      if (decision.next === 'giveUp') {
        // Not waited out here, yet the server's word holds for every request of this client.
        this.gate.pauseFor(decision.retryAfterSeconds);
        return { raw, gaveUp: decision };
      }
      return { raw };
    }
  }

  /** While the gate stays closed longer than a call may wait, calls fail at once, saying when requests resume. */
  private refuseWhilePausedBeyondCap(): void {
    const resumesAt = this.gate.resumesAt;
    if (resumesAt === undefined) return;
    const seconds = Math.ceil((resumesAt - this.clock.now()) / 1000);
    if (seconds > this.policy.maxRetryAfterSeconds) throw pausedError(seconds, this.clock.now());
  }

  private async backoff(retryNumber: number, options: RequestOptions, signal: AbortSignal | undefined): Promise<void> {
    const delayMs = backoffDelayMs(retryNumber, { baseMs: this.policy.baseDelayMs, maxMs: this.policy.maxDelayMs, random: this.random });
    options.onWait?.({ reason: 'retry', seconds: Math.round(delayMs / 100) / 10, attempt: retryNumber });
    await this.sleep(delayMs, signal);
  }

  /** Accept and User-Agent, then the written headers (names compared without case; repeated ones joined), then the session's bearer. */
  private headersFor(request: Pick<OutgoingRequest, 'headers'>, token: SessionToken | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.deps.version ? `boomtown-vscode/${this.deps.version}` : 'boomtown-vscode' };
    for (const [name, value] of request.headers ?? []) {
      const key = name.toLowerCase();
      headers[key] = key in headers && !['accept', 'user-agent'].includes(key) ? `${headers[key]}, ${value}` : value;
    }
    if (token) headers.authorization = `Bearer ${token.accessToken}`;
    return headers;
  }

  /**
   * One exchange, as a raw exchange or a transport failure: no retries, no refresh. The loop around
   * it decides what to do next.
   */
  private async attempt(method: string, url: URL, headers: Record<string, string>, signal: AbortSignal | undefined, attempts: number, body?: string): Promise<Attempt> {
    const result = await exchange({
      dispatcher: this.deps.dispatcher,
      method,
      url,
      headers,
      body,
      timeoutMs: this.timeouts.overallMs,
      silence: { headersMs: this.timeouts.headersMs, bodyMs: this.timeouts.bodyMs },
      cancellation: signal,
      what: 'API request',
      maxBodyBytes: this.deps.maxResponseBytes ?? DEFAULT_MAX_BODY_BYTES,
    });
    if (result.kind === 'failed') return result;
    const { answer } = result;
    const raw: RawExchange = {
      method,
      url: url.toString(),
      status: answer.status,
      durationMs: answer.durationMs,
      headers: visibleHeaders(answer.headers),
      bodyText: answer.text,
      attempts,
    };
    // The query is left out: searches carry names, emails and phone numbers.
    this.logger.debug(`${method} ${url.pathname} -> ${raw.status} in ${raw.durationMs} ms`);
    return { kind: 'answered', raw };
  }
}

function visibleHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined || HIDDEN_HEADERS.has(key)) continue;
    out[key] = headerValue(value);
  }
  return out;
}
