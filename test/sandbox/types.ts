/** The sandbox's public shapes. Other helpers code against these names: keep them stable. */
import type { Clock } from '../../src/core/shared/ports';

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  name: string;
  /** Exact string match; loopback http redirect URIs also match on any port (RFC 8252 §7.3). */
  redirectUris: string[];
  /** Also accepted, e.g. code-server callback URLs. */
  redirectUriPatterns?: RegExp[];
}

export interface SandboxUser {
  id: string;
  email: string | null;
  firstName: string;
  lastName: string;
  teamId: string;
}

export interface RateLimit {
  limit: number;
  windowSeconds: number;
  /** How Retry-After is written on a 429 (default 'seconds'); the contract allows both. */
  retryAfterFormat?: 'seconds' | 'http-date';
}

export type FaultScope = 'api' | 'token' | 'all';

export interface Faults {
  /** Added before every answer. */
  latencyMs: number;
  /** 429 + Retry-After + X-RateLimit-Limit/Remaining/Reset. */
  rateLimit: RateLimit | null;
  /** Every Nth matching request answers 503, then 500, alternately (0 = off). */
  failEveryN: number;
  /** Every Nth matching request: the socket is destroyed without an answer. */
  dropEveryN: number;
  /** The body is written in chunks spread over this long. */
  slowBodyMs: number;
  /** Every Nth matching request: a truncated JSON body with 200. */
  malformedJsonEveryN: number;
  /** Every Nth matching request: 200 text/html (a proxy's error page) instead of JSON. */
  htmlEveryN: number;
  /** Access tokens die early (401) after this many seconds. */
  expireTokensAfterSeconds: number | null;
  /** Which routes faults apply to: 'api' = /v1/*, 'token' = /oauth/token and /oauth/revoke, 'all' = every non-admin route. */
  scope: FaultScope;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  leads?: number;
  seed?: number;
  users?: number;
  accessTokenTtlSeconds?: number;
  includeExpiresIn?: boolean;
  refreshTokenRotation?: boolean;
  reuseDetection?: boolean;
  codeTtlSeconds?: number;
  maxPageLimit?: number;
  includeTotal?: boolean;
  /** true: skip consent as the login_hint user or the first user; a string: as that user id or email. */
  autoApprove?: boolean | string;
  /**
   * RFC 9207: callbacks (codes and errors) carry `iss`. true: this server's own URL (as the client
   * reached it); a string: that issuer, e.g. another server's, to act out a mix-up. Off by default, as in the contract.
   */
  issuer?: boolean | string;
  /** OpenID Connect Core §11: offline_access (a refresh token) is granted only when the authorize request has prompt=consent. */
  offlineAccessNeedsConsent?: boolean;
  /** Which client authentication the token and revocation endpoints accept (RFC 6749 §2.3.1); 'any' (default) takes both. */
  clientAuthentication?: ClientAuthenticationMode;
  /**
   * RFC 8414 / OpenID Connect Discovery: which metadata documents are served (default 'both');
   * 'none' answers 404 for both, as a server that predates discovery.
   */
  discovery?: DiscoveryDocuments;
  /** The documents are served as truncated, unparseable JSON (200 application/json). */
  discoveryMalformed?: boolean;
  /** The documents name this issuer instead of the URL they were read from (RFC 8414 §3.3: a client must refuse them). */
  discoveryIssuer?: string | null;
  /** The documents are answered this late (ms), for a client's discovery timeout. */
  discoveryDelayMs?: number;
  /**
   * The issuer has this path (e.g. '/tenant'): the documents are served at the path-inserted
   * locations (RFC 8414 §3.1, `/.well-known/oauth-authorization-server/tenant`) and name it.
   */
  issuerPath?: string;
  /** RFC 8628 device authorization grant (default true). Off: no endpoint, no grant type, not advertised. */
  deviceGrant?: boolean;
  /** The polling interval a device authorization answers (seconds, default 5). */
  deviceIntervalSeconds?: number;
  /** How long a device code lives (seconds, default 600). */
  deviceCodeTtlSeconds?: number;
  /**
   * Loopback redirect URIs are matched exactly: only `http://127.0.0.1:<port>/callback` (a server
   * that compares redirect URIs as strings). null (default): any port (RFC 8252 §7.3).
   */
  exactLoopbackPort?: number | null;
  /** Kinds of redirect URI the authorize endpoint refuses with its 400 page (nothing comes back). */
  refuseRedirectKinds?: RedirectKind[];
  clients?: SandboxClient[];
  faults?: Partial<Faults>;
  /** One line per request: method, path WITHOUT query string, status, ms. */
  log?: (line: string) => void;
  /** Time for expiry rules (codes, tokens, rate-limit windows); tests pass a fake one. Defaults to the system clock. */
  clock?: Clock;
}

export type ClientAuthenticationMode = 'any' | 'basic' | 'body';

export type DiscoveryDocuments = 'both' | 'oauth' | 'openid' | 'none';

/**
 * What a redirect URI is: a private-use scheme (vscode://…), a browser workbench's callback
 * (code-server's `…/callback?vscode-…`), a native app's loopback (`http://127.0.0.1:port/callback`)
 * or another https URI (e.g. an integration's own callback).
 */
export type RedirectKind = 'privateUse' | 'workbench' | 'loopback' | 'https';

/** One device authorization as the server saw it polled (RFC 8628). The device code itself is never shown. */
export interface DevicePollRecord {
  userCode: string;
  status: 'pending' | 'approved' | 'denied' | 'redeemed';
  /** Token requests that presented this device code. */
  polls: number;
  /** Of those, answered slow_down (polled sooner than the interval). */
  slowDowns: number;
  /** The interval now required, in seconds (grows by 5 with every slow_down). */
  intervalSeconds: number;
  /** Milliseconds between consecutive polls, as the server's clock measured them. */
  gapsMs: number[];
}

export type MutableOptions = Pick<
  SandboxOptions,
  | 'autoApprove'
  | 'accessTokenTtlSeconds'
  | 'includeTotal'
  | 'maxPageLimit'
  | 'refreshTokenRotation'
  | 'reuseDetection'
  | 'includeExpiresIn'
  | 'issuer'
  | 'offlineAccessNeedsConsent'
  | 'clientAuthentication'
  | 'discovery'
  | 'discoveryMalformed'
  | 'discoveryIssuer'
  | 'discoveryDelayMs'
  | 'issuerPath'
  | 'deviceGrant'
  | 'deviceIntervalSeconds'
  | 'deviceCodeTtlSeconds'
  | 'exactLoopbackPort'
  | 'refuseRedirectKinds'
>;

export interface Counters {
  total: number;
  /** Keyed by route template, e.g. 'POST /oauth/token', 'GET /v1/leads/{id}'. */
  byRoute: Record<string, number>;
  /** Token requests by grant_type, e.g. { authorization_code: 1, refresh_token: 3 }. */
  byGrant: Record<string, number>;
  /** Keyed by status code; a dropped connection counts as 'dropped'. */
  byStatus: Record<string, number>;
}

export type FaultKind = 'latency' | 'rateLimit' | 'fail' | 'drop' | 'malformedJson' | 'html' | 'slowBody';

export interface RequestRecord {
  /** ISO time the request arrived. */
  at: string;
  method: string;
  /** Route template, e.g. '/v1/leads/{id}' ('(unknown)' when nothing matched). */
  route: string;
  /** Path without the query string (it can carry codes and tokens). */
  path: string;
  /** 0 when the connection was dropped. */
  status: number;
  ms: number;
  grantType?: string;
  /** The fault that shaped the answer, if any (latency and slow bodies are not listed). */
  fault?: FaultKind;
  /** The scheme of the Authorization header the request carried (never its value), lower case: 'bearer', 'basic'… */
  authScheme?: string;
  /** The request's Content-Type, when it sent a body. */
  contentType?: string;
  /**
   * The names (never the values) of the form fields a form-encoded body carried, and of the query
   * parameters: what a test needs to prove that no code, verifier, refresh token or client secret
   * reached a server.
   */
  bodyKeys?: string[];
  queryKeys?: string[];
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:41234 — serves BOTH the auth routes and the API. */
  url: string;
  clients: SandboxClient[];
  users: SandboxUser[];
  counters(): Counters;
  resetCounters(): void;
  requests(): RequestRecord[];
  setFaults(f: Partial<Faults>): void;
  setOptions(o: Partial<MutableOptions>): void;
  /** Every access token issued so far now answers 401. */
  expireAccessTokens(): void;
  /** Device authorizations and how their device codes were polled, oldest first. */
  devicePolls(): DevicePollRecord[];
  /** Closes all sockets; resolves fast. */
  stop(): Promise<void>;
}
