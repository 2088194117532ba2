import { authorizeScopes } from './scopes';

export interface AuthorizeRequest {
  authUrl: string;
  clientId: string;
  /** Used verbatim; URLSearchParams encodes it exactly once. The token request must send the same string. */
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
  loginHint?: string;
}

export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: authorizeScopes(request.scopes).join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  });
  if (request.loginHint) params.set('login_hint', request.loginHint);
  // Concatenated, not assigned to URL.search, so nothing re-normalizes the encoded parameters.
  return `${request.authUrl.replace(/\/+$/, '')}/oauth/authorize?${params.toString()}`;
}
