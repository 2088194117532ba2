/** POST /oauth/token (authorization_code, refresh_token, device_code) and POST /oauth/revoke (RFC 7009). */
import type { Route, SandboxState } from '../context';
import { parseParams, repeatedParams } from '../http/body';
import { NO_STORE, oauthErrorReply, type Reply } from '../http/reply';
import type { SandboxClient } from '../types';
import { authenticateClient } from './clientAuth';
import { DEVICE_GRANT_TYPE } from './deviceCodes';
import { pollDeviceCode } from './deviceRoutes';
import { isWellFormedVerifier, verifierMatches } from './pkce';
import { grantsRefreshToken, parseScope } from './scopes';
import { tokenResponse } from './tokenResponse';

type Params = URLSearchParams;

export const tokenRoutes: Route[] = [
  {
    method: 'POST',
    template: '/oauth/token',
    family: 'token',
    grantTypeOf: (request) => {
      const parsed = parseParams(request.headers['content-type'], request.body);
      return parsed.ok ? (parsed.params.get('grant_type') ?? undefined) : undefined;
    },
    handler: (request, state) => {
      const params = readParams(request.headers['content-type'], request.body);
      if (!(params instanceof URLSearchParams)) return params;
      const auth = authenticateClient(request.headers.authorization, params, state.clients, state.options.clientAuthentication);
      if (!auth.ok) return auth.reply;
      const grantType = params.get('grant_type');
      if (!grantType) return invalidRequest('grant_type is missing');
      if (grantType === 'authorization_code') return exchangeCode(params, auth.client, state);
      if (grantType === 'refresh_token') return refresh(params, auth.client, state);
      if (grantType === DEVICE_GRANT_TYPE && state.options.deviceGrant) return pollDeviceCode(params, auth.client, state);
      return oauthErrorReply(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
    },
  },
  {
    method: 'POST',
    template: '/oauth/revoke',
    family: 'token',
    handler: (request, state) => {
      const params = readParams(request.headers['content-type'], request.body);
      if (!(params instanceof URLSearchParams)) return params;
      const auth = authenticateClient(request.headers.authorization, params, state.clients, state.options.clientAuthentication);
      if (!auth.ok) return auth.reply;
      const token = params.get('token');
      if (!token) return invalidRequest('token is missing');
      revoke(token, auth.client, state);
      // RFC 7009 §2.2: 200 whether or not the token was valid, so nothing can be learnt from the answer.
      return { status: 200, headers: { ...NO_STORE }, body: '' };
    },
  },
];

function readParams(contentType: string | undefined, body: Buffer): Params | Reply {
  const parsed = parseParams(contentType, body);
  if (!parsed.ok) return invalidRequest(parsed.description);
  const repeated = repeatedParams(parsed.params);
  if (repeated.length) return invalidRequest(`parameters sent more than once: ${repeated.join(', ')}`);
  return parsed.params;
}

function exchangeCode(params: Params, client: SandboxClient, state: SandboxState): Reply {
  const code = params.get('code');
  const redirectUri = params.get('redirect_uri');
  const verifier = params.get('code_verifier');
  if (!code) return invalidRequest('code is missing');
  if (redirectUri === null) return invalidRequest('redirect_uri is missing');
  if (!verifier) return invalidRequest('code_verifier is missing');

  const record = state.grants.findCode(code);
  if (!record) return invalidGrant('the authorization code is unknown');
  if (record.clientId !== client.clientId) return invalidGrant('the authorization code was issued to another client');
  if (record.grantId !== undefined) {
    // RFC 6749 §4.1.2: a code used twice revokes what was issued from it.
    state.grants.revokeGrant(record.grantId);
    return invalidGrant('the authorization code was already used; the tokens issued from it are revoked');
  }
  if (state.grants.isExpired(record)) return invalidGrant('the authorization code expired');
  if (record.redirectUri !== redirectUri) return invalidGrant('redirect_uri differs from the one in the authorization request');
  if (!isWellFormedVerifier(verifier)) return invalidGrant('code_verifier must be 43 to 128 unreserved characters');
  if (!verifierMatches(verifier, record.codeChallenge)) return invalidGrant('code_verifier does not match the code_challenge');

  const grant = state.grants.redeemCode(record);
  return tokenResponse(state, grant, grant.scopes, grantsRefreshToken(grant.scopes));
}

function refresh(params: Params, client: SandboxClient, state: SandboxState): Reply {
  const token = params.get('refresh_token');
  if (!token) return invalidRequest('refresh_token is missing');
  const record = state.grants.findRefreshToken(token);
  const grant = record && state.grants.getGrant(record.grantId);
  if (!record || !grant) return invalidGrant('the refresh token is unknown');
  if (grant.clientId !== client.clientId) return invalidGrant('the refresh token was issued to another client');
  if (grant.revoked) return invalidGrant('the refresh token was revoked');
  if (record.used) {
    if (!state.options.reuseDetection) return invalidGrant('the refresh token was already used');
    // Reuse means two parties hold the chain: end it, including the access tokens already out there.
    state.grants.revokeGrant(grant.id);
    return invalidGrant('the refresh token was already used; the whole session is revoked');
  }

  let scopes = grant.scopes;
  const requested = params.get('scope');
  if (requested !== null) {
    const parsed = parseScope(requested);
    if (!parsed.ok) return oauthErrorReply(400, 'invalid_scope', parsed.description);
    const extra = parsed.scopes.filter((scope) => !grant.scopes.includes(scope));
    if (extra.length) return oauthErrorReply(400, 'invalid_scope', `scope was not granted: ${extra.join(' ')}`);
    scopes = parsed.scopes;
  }

  const rotate = state.options.refreshTokenRotation;
  if (rotate) record.used = true;
  // Without rotation the answer has no refresh_token: the client keeps the one it has (the contract allows both).
  return tokenResponse(state, grant, scopes, rotate);
}

function revoke(token: string, client: SandboxClient, state: SandboxState): void {
  const refreshToken = state.grants.findRefreshToken(token);
  if (refreshToken) {
    const grant = state.grants.getGrant(refreshToken.grantId);
    // A token of another client is left alone (RFC 7009 §2.1), and the answer is still 200.
    if (grant && grant.clientId === client.clientId) state.grants.revokeGrant(grant.id);
    return;
  }
  const accessToken = state.grants.findAccessToken(token);
  if (accessToken && state.grants.getGrant(accessToken.grantId)?.clientId === client.clientId) state.grants.killAccessToken(accessToken);
}

function invalidRequest(description: string): Reply {
  return oauthErrorReply(400, 'invalid_request', description);
}

function invalidGrant(description: string): Reply {
  return oauthErrorReply(400, 'invalid_grant', description);
}
