import type { Dispatcher } from 'undici';
import { BoomTownError } from '../errors';
import { classifyTransportError, type TransportFailure } from './transportErrors';

/**
 * What the extension asks of a dispatcher: requests (promise form) and closing. The extension's own
 * is made on the first request (lazyDispatcher, which imports undici then); tests pass an undici
 * Agent or MockAgent.
 */
export type HttpDispatcher = Pick<Dispatcher, 'request' | 'close' | 'destroy'>;

/**
 * The one way the extension speaks HTTP: the token endpoint, the API client and the diagnosis's
 * host probes all send through here. The connect timeout belongs to the dispatcher (see
 * createApiDispatcher); everything about one exchange is bounded here.
 */
interface HttpCall {
  dispatcher: HttpDispatcher;
  method: string;
  url: string | URL;
  headers?: Record<string, string>;
  body?: string;
  /**
   * The overall deadline: from sending the request to the last byte of the body. undici's
   * headers and body timeouts only bound silences, so a server dripping a byte now and then would
   * hold a call for ever without it.
   */
  timeoutMs: number;
  /** undici's own limits (time to the headers, longest silence in the body); both default to timeoutMs. */
  silence?: { headersMs?: number; bodyMs?: number };
  cancellation?: AbortSignal;
  /** Names the request in error messages ("token request"); never a URL with secrets. */
  what: string;
  /** A larger body is refused with 'malformedResponse' (default 20 MB). */
  maxBodyBytes?: number;
  /** Only the status and headers are wanted: the body is thrown away unread. */
  discardBody?: boolean;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  durationMs: number;
}

/** What one exchange came to: an HTTP answer of any status, or a failure with whether retrying could help. */
type Exchange = { kind: 'answered'; answer: HttpAnswer } | { kind: 'failed'; failure: TransportFailure };

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * One exchange through the injected dispatcher. Never throws: transport failures come back as typed
 * errors ('timeout', 'cancelled', 'network', or 'malformedResponse' for an oversized body), each
 * marked retryable or not. The status is returned as is; what it means is the caller's decision.
 *
 * The overall deadline is not worth retrying: a server that slow will be slow again, and retrying
 * would multiply the wait the deadline exists to bound.
 */
export async function exchange(call: HttpCall): Promise<Exchange> {
  const url = typeof call.url === 'string' ? new URL(call.url) : call.url;
  const caller = call.cancellation;
  const controller = new AbortController();
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, call.timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (caller?.aborted) controller.abort();
  caller?.addEventListener('abort', onCallerAbort, { once: true });
  const started = performance.now();
  try {
    const response = await call.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: call.method as Dispatcher.HttpMethod,
      headers: call.headers,
      body: call.body,
      headersTimeout: call.silence?.headersMs ?? call.timeoutMs,
      bodyTimeout: call.silence?.bodyMs ?? call.timeoutMs,
      signal: controller.signal,
    });
    let text = '';
    if (call.discardBody) await response.body.dump();
    else text = await readText(response.body, call.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    return {
      kind: 'answered',
      answer: { status: response.statusCode, headers: response.headers, text, durationMs: Math.round(performance.now() - started) },
    };
  } catch (error) {
    return { kind: 'failed', failure: failureOf(error, call, caller?.aborted ?? false, timedOut) };
  } finally {
    clearTimeout(deadline);
    caller?.removeEventListener('abort', onCallerAbort);
  }
}

/** exchange() for callers that never retry: a failure is thrown as its typed error. */
export async function send(call: HttpCall): Promise<HttpAnswer> {
  const result = await exchange(call);
  if (result.kind === 'failed') throw result.failure.error;
  return result.answer;
}

export function formBody(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) params.set(key, value);
  return params.toString();
}

/** One value of a header undici may give as a list. */
export function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

function failureOf(error: unknown, call: HttpCall, cancelled: boolean, timedOut: boolean): TransportFailure {
  if (cancelled) return { error: new BoomTownError('cancelled', `The ${call.what} was cancelled.`, { cause: error }), retryable: false };
  // Our own abort is no news: the error says which limit ended the call.
  if (timedOut) return { error: new BoomTownError('timeout', `The ${call.what} took longer than ${call.timeoutMs} ms.`), retryable: false };
  return classifyTransportError(error, false, call.what);
}

async function readText(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
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
