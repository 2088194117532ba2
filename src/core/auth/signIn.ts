import * as l10n from '@vscode/l10n';
import type { HttpDispatcher } from '../shared/transport/httpRequest';
import type { Logger } from '../shared/logger';
import type { Redactor } from '../shared/redact';
import { buildAuthorizeUrl } from './authorizeUrl';
import type { AuthorizeParametersCheck } from '../shared/authorizeParameters';
import { BoomTownError, userFacingError } from '../shared/errors';
import type { Source } from '../shared/config';
import type { Sleep } from '../shared/cancellation';
import type { PendingSignIns } from './pendingSignIns';
import { createPkcePair, createState } from './pkce';
import { checkPkceSupport, fixedEndpoints, type ServerDiscovery, type ServerMetadata } from './flows/discovery';
import { deviceCodeSignIn, type DeviceCodePrompt } from './flows/deviceCode';
import { LOOPBACK_HOST, startLoopbackRedirect } from './flows/loopback';
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
  /** The servers' metadata (RFC 8414), read on a window's first sign-in; the fixed paths without it. */
  discovery?: ServerDiscovery;
  /** The device grant's waits and clock (tests shorten them). */
  deviceTimings?: { sleep?: Sleep; secondMs?: number; now?: () => number };
}

/** Where and how to sign in: the servers, plus what a standards-following server may need. */
export interface SignInEndpoints {
  authUrl: string;
  apiUrl: string;
  /** `boomtown.authorizeParameters`, checked; a problem stops the sign-in before the browser opens. */
  authorizeParameters?: AuthorizeParametersCheck;
  /**
   * What an `iss` on the callback must equal (RFC 9207). When `sources.issuer` says it is only the
   * default, the issuer the server's metadata names wins; without either, the authUrl's origin.
   */
  issuer?: string;
  sources?: { issuer?: Source };
}

/**
 * How the code comes back. `vscode`: to VS Code's own callback (the browser port's redirectUri).
 * `redirectUri`: to an address the user registered, pasted back. `loopback`: to a one-shot server
 * on 127.0.0.1 (`expose` is asExternalUri in a remote window). `deviceCode`: no redirect at all.
 */
export type SignInFlow =
  | { kind: 'vscode' }
  | { kind: 'redirectUri'; redirectUri: string }
  | { kind: 'loopback'; port?: number; expose?: (uri: string) => Promise<string> }
  | { kind: 'deviceCode'; show: (prompt: DeviceCodePrompt) => void };

interface SignInRequest {
  scopes: readonly string[];
  browser: SignInBrowser;
  endpoints: SignInEndpoints;
  credentials: ClientCredentials;
  account?: Account;
  cancellation?: AbortSignal;
  /** Today's redirect to VS Code when not given. */
  flow?: SignInFlow;
}

/** The redirect URI of one sign-in, and what to release when it ends. */
interface RedirectTarget {
  redirectUri: string;
  close(): Promise<void>;
}

/**
 * One sign-in: the server's metadata (read once per window), then the flow: a browser redirect
 * (PKCE, a fresh single-use state, the callback) or the device grant. Then exactly two requests:
 * the token request and GET /v1/me to name the account.
 */
export async function performSignIn(deps: SignInDeps, request: SignInRequest): Promise<{ account: Account; tokens: TokenSet }> {
  const { logger, redactor } = deps;
  const extra = request.endpoints.authorizeParameters ?? { ok: true, parameters: {} };
  if (!extra.ok) throw userFacingError('badInput', l10n.t('The "boomtown.authorizeParameters" setting cannot be used: {0}.'), [extra.problem]);
  const metadata = deps.discovery
    ? await deps.discovery.metadata(request.endpoints.authUrl, request.cancellation)
    : { authUrl: request.endpoints.authUrl, endpoints: fixedEndpoints(request.endpoints.authUrl), discovered: [], source: { fallback: 'notFound' as const } };
  const flow = request.flow ?? { kind: 'vscode' };
  const tokens = flow.kind === 'deviceCode' ? await deviceSignIn(deps, request, metadata, flow.show) : await redirectSignIn(deps, request, metadata, flow);
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

/** The issuer an `iss` on the callback must equal: the user's `boomtown.issuer`, else the metadata's, else the authUrl's origin. */
export function expectedIssuer(endpoints: SignInEndpoints, metadata: ServerMetadata | undefined): string {
  const setByUser = endpoints.issuer !== undefined && (endpoints.sources?.issuer === undefined || endpoints.sources.issuer === 'setting');
  if (setByUser) return endpoints.issuer as string;
  return metadata?.issuer ?? endpoints.issuer ?? new URL(endpoints.authUrl).origin;
}

async function redirectSignIn(deps: SignInDeps, request: SignInRequest, metadata: ServerMetadata, flow: Exclude<SignInFlow, { kind: 'deviceCode' }>): Promise<TokenSet> {
  const { logger, redactor } = deps;
  checkPkceSupport(metadata);
  const extra = request.endpoints.authorizeParameters?.ok ? request.endpoints.authorizeParameters.parameters : {};
  const issuer = expectedIssuer(request.endpoints, metadata);
  const target = await redirectTarget(deps, request.browser, flow);
  try {
    const { redirectUri } = target;
    const state = createState();
    const pkce = createPkcePair();
    redactor?.add(state, pkce.verifier, pkce.challenge);
    const authorizeUrl = buildAuthorizeUrl({
      authUrl: request.endpoints.authUrl,
      authorizationEndpoint: metadata.endpoints.authorization,
      clientId: request.credentials.clientId,
      redirectUri,
      scopes: request.scopes,
      state,
      codeChallenge: pkce.challenge,
      loginHint: request.account?.label,
      extraParameters: extra,
    });

    // Registered before the browser opens, so even an instant callback finds its sign-in.
    // The wait ends on the caller's cancel, or here when the browser could not be opened.
    const browserFailed = new AbortController();
    const waitSignal = request.cancellation ? AbortSignal.any([request.cancellation, browserFailed.signal]) : browserFailed.signal;
    const answer = deps.pending.wait(state, waitSignal, { issuer, authorizeUrl });
    logger.info(`Opening the browser to sign in (${flow.kind}; scopes: ${request.scopes.join(' ') || 'none'}).`);
    try {
      await request.browser.open(authorizeUrl);
    } catch (error) {
      browserFailed.abort();
      answer.catch(() => undefined);
      throw error;
    }
    const { code } = await answer;
    redactor?.add(code);

    return await deps.tokenEndpoint.exchangeCode({
      authUrl: request.endpoints.authUrl,
      code,
      redirectUri,
      codeVerifier: pkce.verifier,
      credentials: request.credentials,
      requestedScopes: request.scopes,
      cancellation: request.cancellation,
    });
  } finally {
    // However the sign-in ended: no loopback socket is left listening.
    await target.close();
  }
}

async function redirectTarget(deps: SignInDeps, browser: SignInBrowser, flow: Exclude<SignInFlow, { kind: 'deviceCode' }>): Promise<RedirectTarget> {
  const nothing = async () => undefined;
  if (flow.kind === 'vscode') return { redirectUri: await browser.redirectUri(), close: nothing };
  if (flow.kind === 'redirectUri') return { redirectUri: flow.redirectUri, close: nothing };
  const loopback = await startLoopbackRedirect({ port: flow.port, deliver: (query) => deps.pending.handleCallback(query), logger: deps.logger });
  if (!flow.expose) return loopback;
  try {
    const exposed = await flow.expose(loopback.redirectUri);
    if (!isLoopbackUri(exposed)) {
      throw userFacingError('badInput', l10n.t('VS Code cannot forward a loopback address to your browser in this window ({0}). Choose another way to sign in.'), [new URL(exposed).origin]);
    }
    return { redirectUri: exposed, close: () => loopback.close() };
  } catch (error) {
    await loopback.close();
    throw error;
  }
}

/** A redirect URI a browser on the user's machine reaches locally: http to 127.0.0.1, [::1] or localhost. */
export function isLoopbackUri(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && [LOOPBACK_HOST, '[::1]', 'localhost'].includes(url.hostname);
  } catch {
    return false;
  }
}

async function deviceSignIn(deps: SignInDeps, request: SignInRequest, metadata: ServerMetadata, show: (prompt: DeviceCodePrompt) => void): Promise<TokenSet> {
  const endpoint = metadata.endpoints.deviceAuthorization;
  if (!endpoint) {
    throw new BoomTownError('badInput', 'The sign-in server does not offer the device code sign-in (no device_authorization_endpoint in its metadata).');
  }
  return deviceCodeSignIn(
    { dispatcher: deps.dispatcher, tokenEndpoint: deps.tokenEndpoint, logger: deps.logger, redactor: deps.redactor, timeoutMs: deps.requestTimeoutMs, ...deps.deviceTimings },
    { authUrl: request.endpoints.authUrl, deviceAuthorizationEndpoint: endpoint, credentials: request.credentials, scopes: request.scopes, show, cancellation: request.cancellation },
  );
}
