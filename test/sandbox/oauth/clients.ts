/** The registered OAuth clients and the redirect URI rules the authorization server applies to them. */
import type { RedirectKind, SandboxClient } from '../types';

export const DEFAULT_CLIENT_ID = 'boomtown-vscode-sandbox';
export const DEFAULT_CLIENT_SECRET = 'sandbox-secret-not-for-production';
export const DEFAULT_CLIENT_NAME = 'BoomTown for VS Code (sandbox)';

const EXTENSION_AUTHORITY = 'boomtown-dev.boomtown-vscode';

/**
 * code-server's callback URLs, e.g.
 * http://127.0.0.1:PORT/stable-<commit>/callback?vscode-reqid=1&vscode-scheme=code-oss&…
 * Any loopback host (http) or any https host; the path ends in /callback; a query is allowed; no fragment.
 */
export const CODE_SERVER_CALLBACK_PATTERNS: readonly RegExp[] = [
  /^http:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?(?:\/[^?#\s]*)?\/callback(?:\?[^#\s]*)?$/,
  /^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[^?#\s]*)?\/callback(?:\?[^#\s]*)?$/,
];

/** The patterns above in words, for the CLI banner. */
export const CODE_SERVER_CALLBACK_DESCRIPTION = 'code-server callbacks: http://<loopback>[:port]/…/callback[?query] and https://<host>[:port]/…/callback[?query]';

export function defaultClient(): SandboxClient {
  return {
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    name: DEFAULT_CLIENT_NAME,
    redirectUris: [
      `vscode://${EXTENSION_AUTHORITY}/callback`,
      `vscode-insiders://${EXTENSION_AUTHORITY}/callback`,
      `code-oss://${EXTENSION_AUTHORITY}/callback`,
      'http://127.0.0.1/callback',
    ],
    redirectUriPatterns: [...CODE_SERVER_CALLBACK_PATTERNS],
  };
}

/**
 * Exact string comparison, as the contract says, with one exception: for a loopback http URI the
 * port is ignored (RFC 8252 §7.3), because native apps listen on whatever port is free.
 */
export function isRegisteredRedirectUri(client: SandboxClient, redirectUri: string): boolean {
  if (redirectUri.includes('#')) return false; // RFC 6749 §3.1.2: no fragment
  if (client.redirectUris.includes(redirectUri)) return true;
  const portless = withoutLoopbackPort(redirectUri);
  if (portless !== undefined && client.redirectUris.some((registered) => withoutLoopbackPort(registered) === portless)) return true;
  return (client.redirectUriPatterns ?? []).some((pattern) => pattern.test(redirectUri));
}

const LOOPBACK_WITH_PORT = /^http:\/\/(127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?(?=[/?]|$)/;

/** The URI with its port removed, for loopback http URIs only (literal IPs, as RFC 8252 §7.3 recommends); otherwise undefined. */
export function withoutLoopbackPort(uri: string): string | undefined {
  const match = LOOPBACK_WITH_PORT.exec(uri);
  if (!match) return undefined;
  return `http://${match[1]}${uri.slice(match[0].length)}`;
}

/**
 * Adds parameters to a redirect URI that may already carry a query of its own (code-server's
 * callback does): `&` when it has `?`, `?` otherwise, and nothing extra when it already ends in one.
 */
export function appendQuery(redirectUri: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.append(key, value);
  const encoded = query.toString();
  if (!redirectUri.includes('?')) return `${redirectUri}?${encoded}`;
  if (redirectUri.endsWith('?') || redirectUri.endsWith('&')) return `${redirectUri}${encoded}`;
  return `${redirectUri}&${encoded}`;
}

/** A CSP source expression that lets the consent form's POST be redirected to this URI (Chromium applies form-action to redirects). */
export function cspSourceFor(redirectUri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return undefined; // a registered URI that is no URL: the form then may only post to the sandbox itself
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  return url.protocol; // e.g. 'vscode:' — a scheme source
}

/**
 * The kind of a redirect URI, for servers that refuse some kinds. code-server's callback always
 * carries `vscode-…` parameters (vscode-scheme, vscode-authority, vscode-reqid), which is what tells
 * it apart from a native loopback redirect on the same host.
 */
export function redirectKindOf(redirectUri: string): RedirectKind {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return 'privateUse';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'privateUse';
  if ([...url.searchParams.keys()].some((key) => key.startsWith('vscode-'))) return 'workbench';
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname)) return 'loopback';
  return 'https';
}

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

export const REDIRECT_KIND_DESCRIPTIONS: Readonly<Record<RedirectKind, string>> = {
  privateUse: 'private-use URI schemes such as vscode://',
  workbench: "a browser workbench's callback (code-server)",
  loopback: 'loopback redirects (http://127.0.0.1:port/callback)',
  https: 'https redirect URIs',
};

/** The one loopback redirect URI a server that compares exactly has registered. */
export function exactLoopbackRedirectUri(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}
