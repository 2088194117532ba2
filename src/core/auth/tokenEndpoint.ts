import type { HttpDispatcher } from '../shared/transport/httpRequest';
import { withoutTrailingSlashes } from '../shared/trailingSlashes';
import { BoomTownError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { ClientAuthenticationMethod } from '../shared/config';
import { formBody, type HttpAnswer, send } from '../shared/transport/httpRequest';
import type { ServerEndpoints } from './flows/discovery';
import { oauthErrorFromBody, parseJsonObject, parseTokenResponse, type TokenSet } from './tokens';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** RFC 6749 §2.3.1: in the form body (the contract's way, the default) or HTTP Basic (which every server must support). */
  authentication?: ClientAuthenticationMethod;
}

interface TokenEndpointDeps {
  dispatcher: HttpDispatcher;
  timeoutMs: number;
  /** Sign-out must not hang on a slow server. */
  revokeTimeoutMs: number;
  logger: Logger;
  now: () => number;
  /**
   * The token and revocation endpoints a server's metadata named (discovery), for the server a
   * request goes to; the contract's fixed paths when it has none.
   */
  endpointsFor?: (authUrl: string) => Promise<Partial<Pick<ServerEndpoints, 'token' | 'revocation'>> | undefined>;
}

/**
 * Every request names its authorization server: the one the sign-in started at, or the one the
 * session was issued by. Never the settings of the moment, which may name another server since.
 */
interface ToServer {
  /** The authorization server's base URL; the endpoints are under it. */
  authUrl: string;
}

export interface CodeExchange extends ToServer {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  credentials: ClientCredentials;
  requestedScopes: readonly string[];
  cancellation?: AbortSignal;
}

export interface RefreshRequest extends ToServer {
  refreshToken: string;
  credentials: ClientCredentials;
  previousScopes: readonly string[];
}

export interface DevicePoll extends ToServer {
  deviceCode: string;
  credentials: ClientCredentials;
  requestedScopes: readonly string[];
  cancellation?: AbortSignal;
}

export interface RevokeRequest extends ToServer {
  token: string;
  hint: 'refresh_token' | 'access_token';
  credentials: ClientCredentials;
}

/** The contract's paths, for a server whose metadata is unknown. */
const FIXED_PATHS = { token: '/oauth/token', revocation: '/oauth/revoke' } as const;

/** POST /oauth/token and /oauth/revoke, form-encoded, with answers turned into token sets or typed errors. */
export class TokenEndpoint {
  constructor(private readonly deps: TokenEndpointDeps) {}

  async exchangeCode(request: CodeExchange): Promise<TokenSet> {
    this.deps.logger.debug('Exchanging the authorization code for tokens.');
    const answer = await this.post(request.authUrl, 'token', 'token request', this.deps.timeoutMs, request.cancellation, request.credentials, {
      grant_type: 'authorization_code',
      code: request.code,
      redirect_uri: request.redirectUri,
      code_verifier: request.codeVerifier,
    });
    const tokens = tokenAnswer(answer, { now: this.deps.now(), fallbackScopes: request.requestedScopes });
    this.deps.logger.debug(`Token request succeeded${describeLifetime(tokens)}.`);
    return tokens;
  }

  async refresh(request: RefreshRequest): Promise<TokenSet> {
    this.deps.logger.debug('Refreshing an access token.');
    const answer = await this.post(request.authUrl, 'token', 'token refresh', this.deps.timeoutMs, undefined, request.credentials, {
      grant_type: 'refresh_token',
      refresh_token: request.refreshToken,
    });
    const tokens = tokenAnswer(answer, {
      now: this.deps.now(),
      fallbackScopes: request.previousScopes,
      previousRefreshToken: request.refreshToken,
    });
    const rotated = tokens.refreshToken !== request.refreshToken ? ', refresh token rotated' : '';
    this.deps.logger.debug(`Token refresh succeeded${describeLifetime(tokens)}${rotated}.`);
    return tokens;
  }

  /**
   * One poll of the device grant (RFC 8628 §3.4). `authorization_pending`, `slow_down`,
   * `access_denied` and `expired_token` come back as typed errors with that serverCode; the
   * caller decides what each means.
   */
  async pollDeviceCode(request: DevicePoll): Promise<TokenSet> {
    const answer = await this.post(request.authUrl, 'token', 'device token request', this.deps.timeoutMs, request.cancellation, request.credentials, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: request.deviceCode,
    });
    const tokens = tokenAnswer(answer, { now: this.deps.now(), fallbackScopes: request.requestedScopes });
    this.deps.logger.debug(`Device code approved${describeLifetime(tokens)}.`);
    return tokens;
  }

  /** RFC 7009. 200 whatever the token's state; a server without the endpoint (404) is fine too. */
  async revoke(request: RevokeRequest): Promise<void> {
    const answer = await this.post(request.authUrl, 'revocation', 'token revocation', this.deps.revokeTimeoutMs, undefined, request.credentials, {
      token: request.token,
      token_type_hint: request.hint,
    });
    if (answer.status === 404) {
      this.deps.logger.debug('The sign-in server has no revocation endpoint (404); nothing to revoke.');
      return;
    }
    if (answer.status < 200 || answer.status >= 300) throw classifyTokenError(answer.status, answer.text);
    this.deps.logger.debug('Token revoked.');
  }

  private async post(
    authUrl: string,
    endpoint: 'token' | 'revocation',
    what: string,
    timeoutMs: number,
    cancellation: AbortSignal | undefined,
    credentials: ClientCredentials,
    fields: Record<string, string>,
  ): Promise<HttpAnswer> {
    const client = clientAuthentication(credentials);
    const named = (await this.deps.endpointsFor?.(authUrl))?.[endpoint];
    return send({
      dispatcher: this.deps.dispatcher,
      method: 'POST',
      url: named ?? `${withoutTrailingSlashes(authUrl)}${FIXED_PATHS[endpoint]}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...client.headers },
      body: formBody({ ...fields, ...client.fields }),
      timeoutMs,
      cancellation,
      what,
    });
  }
}

/**
 * How the client proves who it is (RFC 6749 §2.3.1): HTTP Basic with the id and secret each
 * form-encoded before joining (Appendix B), or both as form fields. Never both ways at once: servers
 * refuse a request that uses two methods.
 */
export function clientAuthentication(credentials: ClientCredentials): { headers: Record<string, string>; fields: Record<string, string> } {
  if (credentials.authentication === 'basic') {
    const pair = `${formEncode(credentials.clientId)}:${formEncode(credentials.clientSecret)}`;
    return { headers: { authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` }, fields: {} };
  }
  return { headers: {}, fields: { client_id: credentials.clientId, client_secret: credentials.clientSecret } };
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function tokenAnswer(answer: HttpAnswer, context: Parameters<typeof parseTokenResponse>[1]): TokenSet {
  if (answer.status < 200 || answer.status >= 300) throw classifyTokenError(answer.status, answer.text);
  return parseTokenResponse(answer.text, context);
}

/**
 * A failed token endpoint answer -> a typed error. 5xx is the server being unwell whatever the body
 * says; 429 is a rate limit; a 4xx with an RFC 6749 error body is classified by its code; any other
 * answer (HTML, empty, a 404 from a wrong URL) is 'malformedResponse'.
 */
export function classifyTokenError(status: number, text: string): BoomTownError {
  if (status >= 500) return new BoomTownError('serverError', `The sign-in server failed (HTTP ${status}).`, { status });
  if (status === 429) return new BoomTownError('rateLimited', 'The sign-in server is rate limiting requests (HTTP 429).', { status });
  const body = parseJsonObject(text);
  const oauthError = body && oauthErrorFromBody(body, status);
  if (oauthError) return oauthError;
  return new BoomTownError('malformedResponse', `The sign-in server answered HTTP ${status} without an OAuth error.`, { status });
}

function describeLifetime(tokens: TokenSet): string {
  return tokens.expiresAt === undefined ? ' (no expiry given)' : ` (expires in ${Math.round((tokens.expiresAt - tokens.issuedAt) / 1000)} s)`;
}
