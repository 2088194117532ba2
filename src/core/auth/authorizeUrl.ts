import { authorizeScopes } from './scopes';
import { withoutTrailingSlashes } from '../shared/trailingSlashes';

interface AuthorizeRequest {
  authUrl: string;
  /** The server's `authorization_endpoint` (discovery); `{authUrl}/oauth/authorize` when not given. */
  authorizationEndpoint?: string;
  clientId: string;
  /** Used verbatim; URLSearchParams encodes it exactly once. The token request must send the same string. */
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
  loginHint?: string;
  /** From the `boomtown.authorizeParameters` setting, already checked; added first, so no name the sign-in sets can be replaced. */
  extraParameters?: Readonly<Record<string, string>>;
}

export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const own: Record<string, string> = {
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: authorizeScopes(request.scopes).join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  };
  const params = new URLSearchParams(own);
  if (request.loginHint) params.set('login_hint', request.loginHint);
  for (const [name, value] of Object.entries(request.extraParameters ?? {})) {
    // set() after ours would replace them: extra names the sign-in owns are skipped, whatever let them through.
    if (!(name in own) && name !== 'login_hint') params.append(name, value);
  }
  // Concatenated, not assigned to URL.search, so nothing re-normalizes the encoded parameters.
  const endpoint = request.authorizationEndpoint ?? `${withoutTrailingSlashes(request.authUrl)}/oauth/authorize`;
  // An endpoint may carry a query of its own (RFC 6749 §3.1): ours is added to it, not put in its place.
  return `${endpoint}${endpoint.includes('?') ? '&' : '?'}${params.toString()}`;
}
