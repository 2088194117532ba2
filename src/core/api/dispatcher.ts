import { Agent, type Dispatcher } from 'undici';

export interface ApiTimeouts {
  /** TCP + TLS handshake. Only a dispatcher can enforce it, hence this factory. */
  connectMs: number;
  /** From sending the request to the response headers. */
  headersMs: number;
  /** Longest silence while the body streams in. */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: ApiTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

/**
 * The dispatcher the extension hands to the API client. Made on demand (never at import time) by
 * the composition root, which also closes it on deactivate. Redirects are not followed: a redirect
 * would carry the bearer token to wherever it points.
 */
export function createApiDispatcher(timeouts: Partial<ApiTimeouts> = {}): Dispatcher {
  const { connectMs, headersMs, bodyMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };
  return new Agent({ connect: { timeout: connectMs }, headersTimeout: headersMs, bodyTimeout: bodyMs, connections: 8 });
}
