import type { Dispatcher } from 'undici';

export interface ApiTimeouts {
  /** TCP + TLS handshake. Only a dispatcher can enforce it, hence this factory. */
  connectMs: number;
  /** From sending the request to the response headers. */
  headersMs: number;
  /** Longest silence while the body streams in. */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: ApiTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

/** VS Code's proxy settings (`http.proxy`, `http.noProxy`, `http.proxyStrictSSL`), as plain data. */
export interface ProxySettings {
  /** An explicit proxy URL; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  url?: string;
  /** Hosts (and domain suffixes) reached directly. */
  noProxy?: readonly string[];
  /** Whether TLS certificates must verify (off only for inspecting proxies with their own CA). */
  strictSSL?: boolean;
}

/**
 * The dispatcher the extension hands to the API client and the sign-in. Made on demand (never at
 * import time) by the composition root, which also closes it on deactivate. Redirects are not
 * followed: a redirect would carry the bearer token to wherever it points.
 *
 * Proxies: an explicit proxy wins, else the environment's; hosts in noProxy go direct. Without
 * either it connects directly, like a plain Agent.
 *
 * undici is imported here, inside the function, not at the top: in the bundle it is a chunk of its
 * own (httpStack.ts), loaded when the first connection pool is made, not when the extension loads.
 * See lazyDispatcher.
 */
export async function createApiDispatcher(timeouts: Partial<ApiTimeouts> = {}, proxy: ProxySettings = {}): Promise<Dispatcher> {
  const { EnvHttpProxyAgent } = await import('./httpStack');
  const { connectMs, headersMs, bodyMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const rejectUnauthorized = proxy.strictSSL ?? true;
  const proxyUrl = proxy.url?.trim() || undefined;
  return new EnvHttpProxyAgent({
    connect: { timeout: connectMs, rejectUnauthorized },
    requestTls: { rejectUnauthorized },
    headersTimeout: headersMs,
    bodyTimeout: bodyMs,
    connections: 8,
    httpProxy: proxyUrl,
    httpsProxy: proxyUrl,
    noProxy: proxy.noProxy?.length ? proxy.noProxy.join(',') : undefined,
  });
}
