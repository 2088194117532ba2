import * as l10n from '@vscode/l10n';
import { BoomTownError, userFacingError } from '../shared/errors';

/** What a sign-in callback (or a value the user pasted) carries. */
export interface CallbackParams {
  state?: string;
  code?: string;
  error?: string;
  errorDescription?: string;
  /** The authorization server's issuer identifier (RFC 9207), when the server sends one. */
  issuer?: string;
}

/**
 * Accepts a full URL (any scheme), a query with or without its leading '?', and ignores a fragment.
 * Returns undefined when the value has no query parameters at all (e.g. a bare code).
 */
export function parseCallback(value: string): CallbackParams | undefined {
  const trimmed = value.trim();
  const queryStart = trimmed.indexOf('?');
  let query = queryStart >= 0 ? trimmed.slice(queryStart + 1) : trimmed;
  const hashStart = query.indexOf('#');
  if (hashStart >= 0) query = query.slice(0, hashStart);
  if (!query.includes('=')) return undefined;
  const params = new URLSearchParams(query);
  return {
    state: nonEmpty(params.get('state')),
    code: nonEmpty(params.get('code')),
    error: nonEmpty(params.get('error')),
    errorDescription: nonEmpty(params.get('error_description')),
    issuer: nonEmpty(params.get('iss')),
  };
}

/** A pasted bare authorization code: one token of URL-safe characters, nothing that looks like a URL. */
export function looksLikeBareCode(value: string): boolean {
  return /^[A-Za-z0-9\-._~+/=]{4,2048}$/.test(value.trim());
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : value;
}

const MAX_DESCRIPTION_LENGTH = 300;

/**
 * A callback's `error` -> a typed error. access_denied means "the resource owner or authorization
 * server denied the request" (RFC 6749 §4.1.2.1): it may be the server's policy, not the user's
 * choice, so the message says only what is known (the server denied it, and its description if any).
 */
export function callbackError(error: string, description: string | undefined): BoomTownError {
  const said = description ? sanitizeDescription(description) : undefined;
  if (error === 'access_denied') {
    return said
      ? userFacingError('accessDenied', l10n.t('The sign-in server denied the request: "{0}".'), [said], { serverCode: error })
      : userFacingError('accessDenied', l10n.t('The sign-in server denied the request (access_denied) and gave no reason.'), [], { serverCode: error });
  }
  return new BoomTownError('oauthError', said ?? `The sign-in server answered "${sanitizeDescription(error)}".`, { serverCode: error });
}

/** Whether a callback's `iss` (RFC 9207) is acceptable: absent (the server does not send it), or exactly the expected issuer. */
export function issuerMatches(params: CallbackParams, expectedIssuer: string | undefined): boolean {
  return params.issuer === undefined || expectedIssuer === undefined || params.issuer === expectedIssuer;
}

function sanitizeDescription(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_DESCRIPTION_LENGTH);
}
