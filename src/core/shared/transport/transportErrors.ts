import { BoomTownError } from '../errors';

/** How a request that produced no HTTP answer failed, and whether trying again could help. */
export interface TransportFailure {
  error: BoomTownError;
  retryable: boolean;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const NETWORK_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
]);

/**
 * Classifies by error code (never by message); `aborted` says whether the caller cancelled, and
 * `what` names the request in the message ("token request").
 */
export function classifyTransportError(error: unknown, aborted: boolean, what = 'request'): TransportFailure {
  if (error instanceof BoomTownError) return { error, retryable: false };
  if (aborted) return { error: new BoomTownError('cancelled', 'Cancelled.', { cause: error }), retryable: false };
  const code = transportErrorCode(error);
  if (code && TIMEOUT_CODES.has(code)) {
    return { error: new BoomTownError('timeout', `The server did not answer the ${what} in time (${code}).`, { cause: error }), retryable: true };
  }
  if (code && NETWORK_CODES.has(code)) {
    return { error: new BoomTownError('network', `The ${what} could not reach the server (${code}).`, { cause: error }), retryable: true };
  }
  // Anything else (invalid arguments, a closed dispatcher) will fail the same way again.
  return { error: new BoomTownError('network', `The ${what} failed${code ? ` (${code})` : ''}.`, { cause: error }), retryable: false };
}

/** The system or undici error code of a failure, looking through `cause` chains. */
export function transportErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
