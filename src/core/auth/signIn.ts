import * as l10n from '@vscode/l10n';
import type { HttpDispatcher } from '../shared/transport/httpRequest';
import type { Logger } from '../shared/logger';
import type { Redactor } from '../shared/redact';
import { buildAuthorizeUrl } from './authorizeUrl';
import type { AuthorizeParametersCheck } from '../shared/authorizeParameters';
import { userFacingError } from '../shared/errors';
import type { PendingSignIns } from './pendingSignIns';
import { createPkcePair, createState } from './pkce';
import type { SignInBrowser } from './signInBrowser';
import type { ClientCredentials, TokenEndpoint } from './tokenEndpoint';
import type { TokenSet } from './tokens';
import type { Account } from './sessionTypes';
import { fetchAccount } from './userInfo';

export interface SignInDeps {
  pending: PendingSignIns;
  tokenEndpoint: TokenEndpoint;
  dispatcher: HttpDispatcher;
  logger: Logger;
  redactor?: Redactor;
  requestTimeoutMs: number;
}

/** Where and how to sign in: the servers, plus what a standards-following server may need. */
export interface SignInEndpoints {
  authUrl: string;
  apiUrl: string;
  /** `boomtown.authorizeParameters`, checked; a problem stops the sign-in before the browser opens. */
  authorizeParameters?: AuthorizeParametersCheck;
  /** What an `iss` on the callback must equal (RFC 9207); the authUrl's origin when not given. */
  issuer?: string;
}

interface SignInRequest {
  scopes: readonly string[];
  browser: SignInBrowser;
  endpoints: SignInEndpoints;
  credentials: ClientCredentials;
  account?: Account;
  cancellation?: AbortSignal;
}

/**
 * One browser sign-in: authorize URL with PKCE and a fresh state, wait for the callback, then
 * exactly two requests: the code exchange and GET /v1/me to name the account.
 */
export async function performSignIn(deps: SignInDeps, request: SignInRequest): Promise<{ account: Account; tokens: TokenSet }> {
  const { logger, redactor } = deps;
  const extra = request.endpoints.authorizeParameters ?? { ok: true, parameters: {} };
  if (!extra.ok) throw userFacingError('badInput', l10n.t('The "boomtown.authorizeParameters" setting cannot be used: {0}.'), [extra.problem]);
  const issuer = request.endpoints.issuer ?? new URL(request.endpoints.authUrl).origin;
  const redirectUri = await request.browser.redirectUri();
  const state = createState();
  const pkce = createPkcePair();
  redactor?.add(state, pkce.verifier, pkce.challenge);
  const authorizeUrl = buildAuthorizeUrl({
    authUrl: request.endpoints.authUrl,
    clientId: request.credentials.clientId,
    redirectUri,
    scopes: request.scopes,
    state,
    codeChallenge: pkce.challenge,
    loginHint: request.account?.label,
    extraParameters: extra.parameters,
  });

  // Registered before the browser opens, so even an instant callback finds its sign-in.
  // The wait ends on the caller's cancel, or here when the browser could not be opened.
  const browserFailed = new AbortController();
  const waitSignal = request.cancellation ? AbortSignal.any([request.cancellation, browserFailed.signal]) : browserFailed.signal;
  const answer = deps.pending.wait(state, waitSignal, { issuer, authorizeUrl });
  logger.info(`Opening the browser to sign in (scopes: ${request.scopes.join(' ') || 'none'}).`);
  try {
    await request.browser.open(authorizeUrl);
  } catch (error) {
    browserFailed.abort();
    answer.catch(() => undefined);
    throw error;
  }
  const { code } = await answer;
  redactor?.add(code);

  const tokens = await deps.tokenEndpoint.exchangeCode({
    authUrl: request.endpoints.authUrl,
    code,
    redirectUri,
    codeVerifier: pkce.verifier,
    credentials: request.credentials,
    requestedScopes: request.scopes,
    cancellation: request.cancellation,
  });
  redactor?.add(tokens.accessToken, tokens.refreshToken);

  const account = await fetchAccount({
    dispatcher: deps.dispatcher,
    apiUrl: request.endpoints.apiUrl,
    accessToken: tokens.accessToken,
    timeoutMs: deps.requestTimeoutMs,
    cancellation: request.cancellation,
  });
  if (request.account && request.account.id !== account.id) {
    logger.warn(`Asked to sign in as ${request.account.label} but the browser signed in ${account.label}.`);
  }
  logger.info(`Signed in as ${account.label}.`);
  return { account, tokens };
}
