/**
 * Validation of GET /oauth/authorize, as a pure function. The order matters (RFC 6749 §4.1.2.1):
 * until the client and its redirect URI are trusted, errors are shown as a page, never redirected,
 * so the server cannot be used as an open redirector. After that, errors go back to the client.
 */
import { exactLoopbackRedirectUri, isRegisteredRedirectUri, REDIRECT_KIND_DESCRIPTIONS, redirectKindOf } from './clients';
import type { RedirectKind, SandboxClient } from '../types';
import { isWellFormedChallenge } from './pkce';
import { parseScope } from './scopes';

export interface AuthorizationRequest {
  client: SandboxClient;
  /** Exactly as received: the token request must present the identical string. */
  redirectUri: string;
  state: string;
  scopes: string[];
  codeChallenge: string;
  loginHint?: string;
  /** OpenID Connect's `prompt`, space-separated values (e.g. "consent"); other servers ignore it. */
  prompt?: string;
}

export type AuthorizeError = 'invalid_request' | 'unsupported_response_type' | 'invalid_scope' | 'access_denied' | 'server_error';

export type AuthorizeValidation =
  | { kind: 'ok'; request: AuthorizationRequest }
  /** Shown to the user as an HTML page (400); the client is not told. */
  | { kind: 'page'; title: string; message: string }
  /** Sent back to the client's redirect URI. `state` is echoed when it was readable. */
  | { kind: 'redirect'; redirectUri: string; error: AuthorizeError; description: string; state?: string };

const MAX_STATE_LENGTH = 2048;

/** How strict this server is about redirect URIs beyond registration (sandbox options). */
export interface RedirectPolicy {
  /** Loopback redirects only as exactly http://127.0.0.1:<port>/callback; null: any port. */
  exactLoopbackPort: number | null;
  refuseRedirectKinds: readonly RedirectKind[];
}

const LENIENT: RedirectPolicy = { exactLoopbackPort: null, refuseRedirectKinds: [] };

export function validateAuthorizeRequest(query: URLSearchParams, clients: readonly SandboxClient[], policy: RedirectPolicy = LENIENT): AuthorizeValidation {
  const single = (name: string) => singleValue(query, name);

  const clientId = single('client_id');
  if (clientId === DUPLICATE) return page('Invalid request', 'client_id was sent more than once.');
  if (!clientId) return page('Invalid request', 'client_id is missing.');
  const client = clients.find((candidate) => candidate.clientId === clientId);
  if (!client) return page('Unknown application', 'No application is registered with this client_id.');

  const redirectUri = single('redirect_uri');
  if (redirectUri === DUPLICATE) return page('Invalid request', 'redirect_uri was sent more than once.');
  if (!redirectUri) return page('Invalid request', 'redirect_uri is missing.');
  if (!isRegisteredRedirectUri(client, redirectUri)) {
    return page('Redirect URI not registered', 'This redirect_uri is not registered for the application, so the sign-in cannot continue.');
  }
  const kind = redirectKindOf(redirectUri);
  if (policy.refuseRedirectKinds.includes(kind)) {
    return page('Redirect URI not accepted', `This server does not accept ${REDIRECT_KIND_DESCRIPTIONS[kind]} for this application, so the sign-in cannot continue here. Go back to the application and sign in another way.`);
  }
  if (kind === 'loopback' && policy.exactLoopbackPort !== null && redirectUri !== exactLoopbackRedirectUri(policy.exactLoopbackPort)) {
    return page('Redirect URI not registered', `This server compares redirect URIs exactly: the only loopback redirect_uri registered is ${exactLoopbackRedirectUri(policy.exactLoopbackPort)}.`);
  }

  // From here on the client is trusted to receive errors; every parameter has at most one value.
  const get = (name: string) => query.get(name) ?? undefined;
  const state = get('state');
  const echoedState = query.getAll('state').length === 1 && state !== undefined && state.length <= MAX_STATE_LENGTH ? state : undefined;
  const fail = (error: AuthorizeError, description: string): AuthorizeValidation => ({
    kind: 'redirect',
    redirectUri,
    error,
    description,
    ...(echoedState !== undefined ? { state: echoedState } : {}),
  });

  const repeated = [...new Set(query.keys())].filter((name) => query.getAll(name).length > 1);
  if (repeated.length) return fail('invalid_request', `parameters sent more than once: ${repeated.join(', ')}`);

  const responseType = get('response_type');
  if (!responseType) return fail('invalid_request', 'response_type is missing');
  if (responseType !== 'code') return fail('unsupported_response_type', 'only response_type=code is supported');

  if (!state) return fail('invalid_request', 'state is required');
  if (state.length > MAX_STATE_LENGTH) return fail('invalid_request', `state is longer than ${MAX_STATE_LENGTH} characters`);

  const scope = parseScope(get('scope'));
  if (!scope.ok) return fail('invalid_scope', scope.description);

  const codeChallenge = get('code_challenge');
  const method = get('code_challenge_method');
  if (!codeChallenge) return fail('invalid_request', 'code_challenge is required (PKCE, S256)');
  if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
  if (!isWellFormedChallenge(codeChallenge)) return fail('invalid_request', 'code_challenge must be 43 base64url characters');

  const loginHint = get('login_hint');
  const prompt = get('prompt');
  return {
    kind: 'ok',
    request: { client, redirectUri, state, scopes: scope.scopes, codeChallenge, ...(loginHint ? { loginHint } : {}), ...(prompt ? { prompt } : {}) },
  };
}

const DUPLICATE = Symbol('duplicate');

function singleValue(query: URLSearchParams, name: string): string | undefined | typeof DUPLICATE {
  const values = query.getAll(name);
  if (values.length > 1) return DUPLICATE;
  return values[0];
}

function page(title: string, message: string): AuthorizeValidation {
  return { kind: 'page', title, message };
}
