import type { HttpDispatcher } from '../shared/transport/httpRequest';
import { withoutTrailingSlashes } from '../shared/trailingSlashes';
import { userFacingError } from '../shared/errors';
import { silentLogger, type Logger } from '../shared/logger';
import { systemClock, type Clock } from '../shared/ports';
import { raceCancellation, throwIfCancelled, timerSleep, toAbortSignal, type CancellationLike, type Sleep } from '../shared/cancellation';
import { backoffDelayMs } from '../shared/backoff';
import { DEFAULT_TIMEOUTS, type ApiTimeouts } from '../shared/transport/dispatcher';
import { DEFAULT_MAX_BODY_BYTES, exchange, headerValue } from '../shared/transport/httpRequest';
import { ApiError, errorForStatus } from './httpErrors';
import { RateLimitGate } from './rateLimitGate';
import { decideRateLimit, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retryPolicy';
import type { TokenSource } from './tokenSource';
import { sessionUrl } from './apiBase';
import type { RawExchange } from './apiTypes';
import { sendAny, type Attempt, type OutgoingRequest, type SendOptions } from './sendAny';
import { l10n } from '../shared/localize';

export type { TokenSource } from './tokenSource';
export type { OutgoingRequest, SendOptions } from './sendAny';

export interface WaitInfo {
  reason: 'rateLimited' | 'retry';
  seconds: number;
  /** 1 for the first wait of this kind in this call. */
  attempt: number;
}

export interface RequestOptions {
  cancellation?: CancellationLike;
  /** Told before every wait, so a progress notification can say "rate limited, retrying in 12 s". */
  onWait?: (info: WaitInfo) => void;
}

export interface HttpClientDeps {
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

export interface JsonResponse {
  json: unknown;
  raw: RawExchange;
}

export interface RequestTimeouts extends Pick<ApiTimeouts, 'headersMs' | 'bodyMs'> {
  /** One exchange, from sending to the last byte of the body, whatever the silences in between. */
  overallMs: number;
}

export const DEFAULT_REQUEST_TIMEOUTS: RequestTimeouts = { headersMs: DEFAULT_TIMEOUTS.headersMs, bodyMs: DEFAULT_TIMEOUTS.bodyMs, overallMs: 60_000 };

/** Never shown in raw exchanges: they carry credentials or session state. */
const HIDDEN_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);


/**
 * GET requests to the BoomTown API with everything a call needs around it: the bearer token (one
 * refresh after a 401), waiting out 429s for every caller at once, retrying transient failures with
 * backoff, and turning every outcome into data or a typed error. Each exchange goes through the
 * one transport (shared/transport/httpRequest.ts), bounded by its limits and an overall deadline.
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

  async getJson(pathAndQuery: string, options: RequestOptions = {}): Promise<JsonResponse> {
    const linked = toAbortSignal(options.cancellation);
    const signal = linked.signal;
    try {
      throwIfCancelled(signal);
      let token = await raceCancellation(this.deps.tokens.getAccessToken(), signal);
      // The session's own API, not the settings': its token goes nowhere else.
      let url = sessionUrl(token.apiUrl, pathAndQuery);
      let refreshed = false;
      let transientRetries = 0;
      let rateLimitWaits = 0;
      for (let attempts = 1; ; attempts++) {
        this.refuseWhilePausedBeyondCap();
        await this.gate.passThrough(signal);
        throwIfCancelled(signal);
        const attempt = await this.attempt('GET', url, { ...this.defaultHeaders(), authorization: `Bearer ${token.accessToken}` }, signal, attempts);

        if (attempt.kind === 'failed') {
          if (!attempt.failure.retryable || transientRetries >= this.policy.maxRetries) throw attempt.failure.error;
          transientRetries++;
          this.logger.warn(`GET ${url.pathname} failed (${attempt.failure.error.reason}); retry ${transientRetries} of ${this.policy.maxRetries}`);
          await this.backoff(transientRetries, options, signal);
          continue;
        }

        const { raw } = attempt;
        if (raw.status >= 200 && raw.status < 300) return { json: parseJsonBody(raw), raw };

        if (raw.status === 401 && !refreshed) {
          refreshed = true;
          this.logger.info(`GET ${url.pathname} answered 401; refreshing the session once`);
          token = await raceCancellation(this.deps.tokens.refreshAfterUnauthorized(token.sessionId, token.accessToken), signal);
          url = sessionUrl(token.apiUrl, pathAndQuery);
          continue;
        }
        if (raw.status === 401) {
          this.logger.warn(`GET ${url.pathname} answered 401 again after a refresh; the session is over`);
          await this.deps.tokens.rejectedAfterRefresh(token.sessionId, token.accessToken);
          throw new ApiError('notSignedIn', 'BoomTown no longer accepts this session; sign in again.', raw, { status: 401 });
        }

        if (raw.status === 429) {
          const retryAfter = parseRetryAfter(raw.headers['retry-after'], this.clock.now());
          const decision = decideRateLimit(retryAfter, rateLimitWaits, this.policy);
          if (!decision.wait) {
            // Not waited out here, yet the server's word holds for every request of this client.
            this.gate.pauseFor(decision.retryAfterSeconds);
            if (decision.why === 'capExceeded') throw this.pausedError(decision.retryAfterSeconds, raw);
            throw errorForStatus(raw, { retryAfterSeconds: decision.retryAfterSeconds });
          }
          rateLimitWaits++;
          this.logger.warn(`GET ${url.pathname} rate limited; every request waits ${decision.seconds} s`);
          this.gate.pauseFor(decision.seconds);
          options.onWait?.({ reason: 'rateLimited', seconds: decision.seconds, attempt: rateLimitWaits });
          continue;
        }

        if (isRetryableStatus(raw.status) && transientRetries < this.policy.maxRetries) {
          transientRetries++;
          this.logger.warn(`GET ${url.pathname} answered ${raw.status}; retry ${transientRetries} of ${this.policy.maxRetries}`);
          await this.backoff(transientRetries, options, signal);
          continue;
        }

        throw errorForStatus(raw);
      }
    } finally {
      linked.dispose();
    }
  }

  /** While the gate stays closed longer than a call may wait, calls fail at once, saying when requests resume. */
  private refuseWhilePausedBeyondCap(): void {
    const resumesAt = this.gate.resumesAt;
    if (resumesAt === undefined) return;
    const seconds = Math.ceil((resumesAt - this.clock.now()) / 1000);
    if (seconds > this.policy.maxRetryAfterSeconds) throw this.pausedError(seconds);
  }

  private pausedError(seconds: number, raw?: RawExchange): ApiError {
    const resumes = new Date(this.clock.now() + seconds * 1000).toLocaleTimeString();
    const text = l10n.t('BoomTown asked for a pause of {0} s; requests resume at {1}.');
    const message = userFacingError('rateLimited', text, [seconds, resumes]).message;
    return new ApiError('rateLimited', message, raw, { status: 429, retryAfterSeconds: seconds, template: { text, args: [seconds, resumes] } });
  }

  /**
   * Any method, headers and body (request files), with the same token, 429, retry and cancel rules
   * as getJson; the final answer is returned whatever its status. The loop lives in sendAny.ts.
   */
  exchange(request: OutgoingRequest, options: SendOptions = {}): Promise<RawExchange> {
    return sendAny(
      {
        apiUrl: this.deps.config().apiUrl,
        tokens: this.deps.tokens,
        gate: this.gate,
        policy: this.policy,
        logger: this.logger,
        clock: this.clock,
        sleep: this.sleep,
        random: this.random,
        defaultHeaders: () => this.defaultHeaders(),
        attempt: (method, url, headers, signal, attempts, body) => this.attempt(method, url, headers, signal, attempts, body),
      },
      request,
      options,
    );
  }

  private async backoff(retryNumber: number, options: RequestOptions, signal: AbortSignal | undefined): Promise<void> {
    const delayMs = backoffDelayMs(retryNumber, { baseMs: this.policy.baseDelayMs, maxMs: this.policy.maxDelayMs, random: this.random });
    options.onWait?.({ reason: 'retry', seconds: Math.round(delayMs / 100) / 10, attempt: retryNumber });
    await this.sleep(delayMs, signal);
  }

  /**
   * One exchange with the bearer token, as a raw exchange or a transport failure: no retries, no
   * refresh. The loop around it decides what to do next.
   */
  private defaultHeaders(): Record<string, string> {
    return { accept: 'application/json', 'user-agent': this.deps.version ? `boomtown-vscode/${this.deps.version}` : 'boomtown-vscode' };
  }

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

/** A 2xx body must be JSON; an HTML page (a proxy, a login wall) or garbage is a typed error that keeps the exchange. */
function parseJsonBody(raw: RawExchange): unknown {
  const contentType = raw.headers['content-type'] ?? '';
  const looksLikeHtml = /html/i.test(contentType) || /^\s*</.test(raw.bodyText);
  if (looksLikeHtml) {
    throw new ApiError('malformedResponse', `The server answered with an HTML page instead of JSON (HTTP ${raw.status}): is the API URL right?`, raw, { status: raw.status });
  }
  try {
    return JSON.parse(raw.bodyText);
  } catch (error) {
    throw new ApiError('malformedResponse', `The server's answer is not valid JSON (HTTP ${raw.status}).`, raw, { status: raw.status, cause: error });
  }
}
