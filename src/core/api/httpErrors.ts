import * as l10n from '@vscode/l10n';
import { BoomTownError, userFacingError, type ErrorReason } from '../shared/errors';
import { statusSummary } from '../shared/failures';
import { MESSAGE_MAX, singleLine } from '../shared/plainText';
import { isJsonObject } from './parse';
import type { RawExchange } from './apiTypes';

/**
 * An API failure that still carries the exchange, so "Send Request…" can show what the server said
 * (a 404 body, an HTML error page) next to the typed reason.
 */
export class ApiError extends BoomTownError {
  constructor(
    reason: ErrorReason,
    message: string,
    readonly raw: RawExchange | undefined,
    options: ConstructorParameters<typeof BoomTownError>[2] = {},
  ) {
    super(reason, message, options);
  }
}

/** The exchange behind an error, when there was one. */
export function rawExchangeOf(error: unknown): RawExchange | undefined {
  return error instanceof ApiError ? error.raw : undefined;
}

/** The contract's `{"error": {"code", "message"}}`, read defensively: any part may be missing. */
function readErrorBody(bodyText: string): { code?: string; message?: string } {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return {};
  }
  const error = isJsonObject(body) ? body.error : undefined;
  if (!isJsonObject(error)) return {};
  const code = typeof error.code === 'string' ? singleLine(error.code, 60) : undefined;
  const message = typeof error.message === 'string' ? singleLine(error.message, MESSAGE_MAX) : undefined;
  return { code: code || undefined, message: message || undefined };
}

/** Which reason a status is; what an error of that reason says is the failure table's (statusSummary). */
const STATUS_REASONS: Array<[test: (status: number) => boolean, reason: ErrorReason]> = [
  [(s) => s === 400, 'badRequest'],
  [(s) => s === 401, 'notSignedIn'],
  [(s) => s === 403, 'forbidden'],
  [(s) => s === 404, 'notFound'],
  [(s) => s === 429, 'rateLimited'],
  [(s) => s >= 500, 'serverError'],
  [(s) => s >= 400, 'badRequest'],
  [(s) => s >= 300, 'malformedResponse'],
];

/** A non-2xx final answer as a typed error, with the server's own message (made inert) appended. */
export function errorForStatus(raw: RawExchange, extra: { retryAfterSeconds?: number } = {}): ApiError {
  const [, reason] = STATUS_REASONS.find(([test]) => test(raw.status)) ?? [undefined, 'malformedResponse'];
  const { code, message } = readErrorBody(raw.bodyText);
  const text = `${statusSummary(reason)} (HTTP ${raw.status})${message ? `: ${message}` : '.'}`;
  return new ApiError(reason, text, raw, { status: raw.status, serverCode: code, serverMessage: message, retryAfterSeconds: extra.retryAfterSeconds });
}

/** A Retry-After beyond what a call may wait: refused, saying when requests resume (the answer kept when there was one). */
export function pausedError(seconds: number, nowMs: number, raw?: RawExchange): ApiError {
  const resumes = new Date(nowMs + seconds * 1000).toLocaleTimeString();
  const text = l10n.t('BoomTown asked for a pause of {0} s; requests resume at {1}.');
  const message = userFacingError('rateLimited', text, [seconds, resumes]).message;
  return new ApiError('rateLimited', message, raw, { status: 429, retryAfterSeconds: seconds, template: { text, args: [seconds, resumes] } });
}

/** A 2xx body must be JSON; an HTML page (a proxy, a login wall) or garbage is a typed error that keeps the exchange. */
export function parseJsonBody(raw: RawExchange): unknown {
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
