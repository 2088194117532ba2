import type { Dispatcher } from 'undici';
import { BoomTownError } from '../errors';
import { classifyTransportError, transportErrorCode } from './transportErrors';
import type { Cancellation } from '../ports';

export interface HttpCall {
  dispatcher: Dispatcher;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  cancellation?: Cancellation;
  /** Names the request in error messages ("token request"); never a URL with secrets. */
  what: string;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
}

const MAX_BODY_CHARS = 1_000_000;

/**
 * One request through the injected dispatcher, bounded three ways: headersTimeout, bodyTimeout and
 * an overall deadline (AbortSignal). Failures become typed errors: 'timeout', 'cancelled' or 'network'.
 * The status is returned as is; what a status means is the caller's decision.
 */
export async function send(call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(call.url);
  const controller = new AbortController();
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, call.timeoutMs);
  const subscription = call.cancellation?.onCancellationRequested(() => controller.abort());
  if (call.cancellation?.isCancellationRequested) controller.abort();
  try {
    const response = await call.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: call.method,
      headers: call.headers,
      body: call.body,
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
      signal: controller.signal,
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      contentType: headerValue(response.headers['content-type']),
      text: text.length > MAX_BODY_CHARS ? text.slice(0, MAX_BODY_CHARS) : text,
    };
  } catch (error) {
    if (call.cancellation?.isCancellationRequested) throw new BoomTownError('cancelled', `The ${call.what} was cancelled.`, { cause: error });
    // The same classification by error code as API requests; only the wording names this request.
    const classified = timedOut ? 'timeout' : classifyTransportError(error, false).error.reason;
    if (classified === 'timeout') throw new BoomTownError('timeout', `The ${call.what} timed out after ${call.timeoutMs} ms.`, { cause: error });
    throw new BoomTownError('network', `The ${call.what} failed: ${transportErrorCode(error) ?? 'connection error'}.`, { cause: error });
  } finally {
    clearTimeout(deadline);
    subscription?.dispose();
  }
}

export function formBody(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) params.set(key, value);
  return params.toString();
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}
