import * as l10n from '@vscode/l10n';
import { BoomTownError, userFacingError } from '../shared/errors';
import { parseScopeString } from './scopes';

/** What a successful token answer gives us, with times made absolute. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; undefined when the server gave no expires_in (then the token is valid until a 401). */
  expiresAt?: number;
  issuedAt: number;
  scopes: string[];
}

interface TokenParseContext {
  now: number;
  /** Scopes to assume when the answer has none: the requested ones, or the session's previous ones. */
  fallbackScopes: readonly string[];
  /** Kept when a refresh answer carries no new refresh token. */
  previousRefreshToken?: string;
}

/**
 * Parses a 2xx token answer strictly where it matters (JSON object, a non-empty access_token, a
 * bearer token type) and tolerantly elsewhere (missing or odd optional fields are ignored). A broken
 * answer is 'malformedResponse', a server that is unwell; an OAuth error in a 200 is classified as one.
 */
export function parseTokenResponse(text: string, context: TokenParseContext): TokenSet {
  const body = parseJsonObject(text);
  if (!body) throw new BoomTownError('malformedResponse', 'The token endpoint answered with something that is not a JSON object.');
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    const oauthError = oauthErrorFromBody(body);
    if (oauthError) throw oauthError;
    throw new BoomTownError('malformedResponse', 'The token endpoint answered without an access_token.');
  }
  const tokenType = body.token_type;
  if (tokenType !== undefined && tokenType !== null && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')) {
    throw new BoomTownError('malformedResponse', `The token endpoint issued an unsupported token type (${describeType(tokenType)}).`);
  }
  const expiresIn = readSeconds(body.expires_in);
  const refreshToken = typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : context.previousRefreshToken;
  const scopes = typeof body.scope === 'string' ? parseScopeString(body.scope) : [];
  return {
    accessToken,
    refreshToken,
    expiresAt: expiresIn === undefined ? undefined : context.now + expiresIn * 1000,
    issuedAt: context.now,
    scopes: scopes.length ? scopes : [...context.fallbackScopes],
  };
}

/** An RFC 6749 §5.2 error body, classified; undefined when the body is not one. */
export function oauthErrorFromBody(body: Record<string, unknown>, status?: number): BoomTownError | undefined {
  const code = body.error;
  if (typeof code !== 'string' || code === '') return undefined;
  const options = { serverCode: code, status };
  const reason = code === 'invalid_grant' ? 'invalidGrant' : code === 'invalid_client' ? 'invalidClient' : 'oauthError';
  // The server's words travel as arguments, so the boundary defuses them and nothing else.
  return typeof body.error_description === 'string'
    ? userFacingError(reason, l10n.t('The sign-in server refused the request ({0}): {1}'), [code, body.error_description.slice(0, 300)], options)
    : userFacingError(reason, l10n.t('The sign-in server refused the request ({0})'), [code], options);
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Longer than any real access token lives; beyond it a lifetime means "valid until a 401". */
const MAX_TOKEN_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

/**
 * expires_in as seconds: a non-negative number or numeric string; anything else counts as absent.
 * An absurd value (1e308 is valid JSON) is absent too, so no expiry is ever Infinity or beyond
 * what a date can hold.
 */
function readSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_TOKEN_LIFETIME_SECONDS ? seconds : undefined;
}

function describeType(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/* ---------- expiry rules ---------- */

interface TokenTimes {
  expiresAt?: number;
  issuedAt?: number;
}

/**
 * How long before expiry a token is renewed: the refresh window (5 minutes by default), but never
 * more than half the token's lifetime, so a server issuing short-lived tokens (say 2 minutes) does
 * not get a refresh on every read.
 */
function refreshMarginMs(token: TokenTimes, refreshWindowMs: number): number {
  if (token.expiresAt === undefined || token.issuedAt === undefined) return refreshWindowMs;
  const lifetime = token.expiresAt - token.issuedAt;
  return lifetime > 0 ? Math.min(refreshWindowMs, lifetime / 2) : 0;
}

/** Whether a token should be renewed before it is handed out. No expiry known: never (valid until a 401). */
export function shouldRefresh(token: TokenTimes, now: number, refreshWindowMs: number): boolean {
  if (token.expiresAt === undefined) return false;
  return token.expiresAt - now <= refreshMarginMs(token, refreshWindowMs);
}
