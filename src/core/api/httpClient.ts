import type { Dispatcher } from 'undici';
import { BoomTownError } from '../shared/errors';
import { silentLogger, type Logger } from '../shared/logger';
import { systemClock, type Clock } from '../shared/ports';
import { raceCancellation, throwIfCancelled, timerSleep, toAbortSignal, type CancellationLike, type Sleep } from '../shared/cancellation';
import { DEFAULT_TIMEOUTS, type ApiTimeouts } from '../shared/transport/dispatcher';
import { ApiError, errorForStatus } from './httpErrors';
import { RateLimitGate } from './rateLimitGate';
import { backoffDelayMs, decideRateLimit, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retryPolicy';
import { classifyTransportError, type TransportFailure } from '../shared/transport/transportErrors';
import type { TokenSource } from './tokenSource';
import type { RawExchange } from './apiTypes';
import { sendAny, type OutgoingRequest, type SendOptions } from './sendAny';

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
  dispatcher: Dispatcher;
  config: () => { apiUrl: string };
  tokens: TokenSource;
  /** The extension version, for the User-Agent. */
  version: string;
  logger?: Logger;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  /** Per-request limits (the connect timeout belongs to the dispatcher: see createApiDispatcher). */
  timeouts?: Partial<Pick<ApiTimeouts, 'headersMs' | 'bodyMs'>>;
  retry?: Partial<RetryPolicy>;
  maxResponseBytes?: number;
}

export interface JsonResponse {
  json: unknown;
  raw: RawExchange;
}

const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
/** Never shown in raw exchanges: they carry credentials or session state. */
const HIDDEN_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

type Attempt = { kind: 'answered'; raw: RawExchange } | { kind: 'failed'; failure: TransportFailure };

/**
 * GET requests to the BoomTown API with everything a call needs around it: the bearer token (one
 * refresh after a 401), waiting out 429s for every caller at once, retrying transient failures with
 * backoff, and turning every outcome into data or a typed error.
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
  private readonly timeouts: Pick<ApiTimeouts, 'headersMs' | 'bodyMs'>;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(private readonly deps: HttpClientDeps) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
    this.logger = deps.logger ?? silentLogger;
    this.clock = deps.clock ?? systemClock;
    this.sleep = deps.sleep ?? timerSleep;
    this.random = deps.random ?? Math.random;
    this.gate = new RateLimitGate(this.clock, this.sleep);
  }

  /** The absolute URL of a path under the configured API base (the base may carry a path prefix). */
  urlFor(pathAndQuery: string): URL {
    return new URL(this.deps.config().apiUrl.replace(/\/+$/, '') + pathAndQuery);
  }

  async getJson(pathAndQuery: string, options: RequestOptions = {}): Promise<JsonResponse> {
    const url = this.urlFor(pathAndQuery);
    const linked = toAbortSignal(options.cancellation);
    const signal = linked.signal;
    try {
      throwIfCancelled(signal);
      let token = await raceCancellation(this.deps.tokens.getAccessToken(), signal);
      let refreshed = false;
      let transientRetries = 0;
      let rateLimitWaits = 0;
      for (let attempts = 1; ; attempts++) {
        await this.gate.passThrough(signal);
        throwIfCancelled(signal);
        const attempt = await this.send(url, token.accessToken, signal, attempts);

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
          if (!decision.wait) throw errorForStatus(raw, { retryAfterSeconds: decision.retryAfterSeconds });
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

  /**
   * Any method, headers and body (request files), with the same token, 429, retry and cancel rules
   * as getJson; the final answer is returned whatever its status. The loop lives in sendAny.ts.
   */
  exchange(request: OutgoingRequest, options: SendOptions = {}): Promise<RawExchange> {
    const maxBytes = this.deps.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    return sendAny(
      {
        ...this.deps,
        apiUrl: this.deps.config().apiUrl,
        gate: this.gate,
        policy: this.policy,
        timeouts: this.timeouts,
        logger: this.logger,
        clock: this.clock,
        sleep: this.sleep,
        random: this.random,
        readBody: (body) => readBodyText(body, maxBytes),
        visibleHeaders,
      },
      request,
      options,
    );
  }

  private async backoff(retryNumber: number, options: RequestOptions, signal: AbortSignal | undefined): Promise<void> {
    const delayMs = backoffDelayMs(retryNumber, this.random, this.policy);
    options.onWait?.({ reason: 'retry', seconds: Math.round(delayMs / 100) / 10, attempt: retryNumber });
    await this.sleep(delayMs, signal);
  }

  private async send(url: URL, accessToken: string, signal: AbortSignal | undefined, attempts: number): Promise<Attempt> {
    const started = performance.now();
    try {
      const response = await this.deps.dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'GET',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${accessToken}`,
          'user-agent': `boomtown-vscode/${this.deps.version}`,
        },
        signal,
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
      });
      const bodyText = await readBodyText(response.body, this.deps.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      const raw: RawExchange = {
        method: 'GET',
        url: url.toString(),
        status: response.statusCode,
        durationMs: Math.round(performance.now() - started),
        headers: visibleHeaders(response.headers),
        bodyText,
        attempts,
      };
      // The query is left out: searches carry names, emails and phone numbers.
      this.logger.debug(`GET ${url.pathname} -> ${raw.status} in ${raw.durationMs} ms`);
      return { kind: 'answered', raw };
    } catch (error) {
      return { kind: 'failed', failure: classifyTransportError(error, signal?.aborted ?? false) };
    }
  }
}

async function readBodyText(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new BoomTownError('malformedResponse', `The response is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function visibleHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined || HIDDEN_HEADERS.has(key)) continue;
    out[key] = Array.isArray(value) ? value.join(', ') : value;
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
