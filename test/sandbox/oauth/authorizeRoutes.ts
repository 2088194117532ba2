/** GET /oauth/authorize (consent page or auto-approval) and POST /oauth/authorize/decision. */
import { appendQuery } from './clients';
import type { RequestContext, Route, SandboxState } from '../context';
import { parseParams } from '../http/body';
import { redirectReply, type Reply } from '../http/reply';
import type { SandboxUser } from '../types';
import { validateAuthorizeRequest, type AuthorizationRequest, type AuthorizeError } from './authorizeRequest';
import { consentPageReply, DECISION_PATH, errorPageReply } from './consentPage';
import { ownIssuer } from './discovery';

export const authorizeRoutes: Route[] = [
  {
    method: 'GET',
    template: '/oauth/authorize',
    family: 'authorize',
    handler: (request, state) => {
      const validation = validateAuthorizeRequest(request.query, state.clients, state.options);
      if (validation.kind === 'page') return errorPageReply(validation.title, validation.message);
      if (validation.kind === 'redirect') return errorRedirect(validation.redirectUri, validation.error, validation.description, validation.state, issuerOf(request, state));
      const { request: authorization } = validation;
      const autoApprove = state.options.autoApprove;
      if (autoApprove !== false) {
        const user = typeof autoApprove === 'string' ? findUser(state.dataset.users, autoApprove) : hintedUserOrFirst(state, authorization);
        if (!user) return errorPageReply('Sandbox misconfigured', 'autoApprove names a user that does not exist.', 500);
        return approve(state, authorization, user, issuerOf(request, state));
      }
      const requestId = state.consents.add(authorization);
      return consentPageReply(authorization, requestId, state.dataset.users, hintedUserOrFirst(state, authorization).id);
    },
    // An injected 5xx on authorize goes back to the client as error=server_error when the client can be trusted with it.
    injectedFailure: (request, state, status) => {
      const validation = validateAuthorizeRequest(request.query, state.clients, state.options);
      if (validation.kind === 'page') return errorPageReply('Something went wrong', 'Internal server error (injected fault).', status);
      const stateParam = validation.kind === 'ok' ? validation.request.state : validation.state;
      const redirectUri = validation.kind === 'ok' ? validation.request.redirectUri : validation.redirectUri;
      return errorRedirect(redirectUri, 'server_error', 'the server failed (injected fault)', stateParam, issuerOf(request, state));
    },
  },
  {
    method: 'POST',
    template: DECISION_PATH,
    family: 'authorize',
    handler: (request, state) => {
      const parsed = parseParams(request.headers['content-type'], request.body);
      if (!parsed.ok) return errorPageReply('Invalid request', parsed.description);
      const pending = state.consents.take(parsed.params.get('request') ?? '');
      if (!pending) return errorPageReply('Sign-in request expired', 'This sign-in request expired or was already answered. Start the sign-in again from the application.');
      const decision = parsed.params.get('decision');
      if (decision === 'deny') return errorRedirect(pending.redirectUri, 'access_denied', 'The user denied access', pending.state, issuerOf(request, state));
      if (decision !== 'approve') return errorPageReply('Invalid request', 'Choose Approve or Deny.');
      const user = state.dataset.users.find((candidate) => candidate.id === parsed.params.get('user'));
      if (!user) return errorPageReply('Invalid request', 'Choose an account to continue as.');
      return approve(state, pending, user, issuerOf(request, state));
    },
  },
];

function approve(state: SandboxState, request: AuthorizationRequest, user: SandboxUser, iss: string | undefined): Reply {
  const code = state.grants.issueCode(
    { clientId: request.client.clientId, userId: user.id, redirectUri: request.redirectUri, scopes: grantedScopes(state, request), codeChallenge: request.codeChallenge },
    state.options.codeTtlSeconds,
  );
  return redirectReply(appendQuery(request.redirectUri, { code: code.code, state: request.state, iss }));
}

/** OpenID Connect Core §11: without prompt=consent, such a server ignores offline_access (no refresh token). */
function grantedScopes(state: SandboxState, request: AuthorizationRequest): string[] {
  const consented = (request.prompt ?? '').split(' ').includes('consent');
  if (!state.options.offlineAccessNeedsConsent || consented) return request.scopes;
  return request.scopes.filter((scope) => scope !== 'offline_access');
}

/** RFC 9207's `iss` for callbacks, when the sandbox was started to send it: its own URL as this client reached it, or the issuer it was given. */
function issuerOf(request: RequestContext, state: SandboxState): string | undefined {
  const { issuer } = state.options;
  if (issuer === true) return ownIssuer(request, state);
  return issuer === false ? undefined : issuer;
}

function errorRedirect(redirectUri: string, error: AuthorizeError, description: string, stateParam: string | undefined, iss: string | undefined): Reply {
  return redirectReply(appendQuery(redirectUri, { error, error_description: description, state: stateParam, iss }));
}

/** A user by id or email (case-insensitive). */
export function findUser(users: readonly SandboxUser[], idOrEmail: string): SandboxUser | undefined {
  const wanted = idOrEmail.toLowerCase();
  return users.find((user) => user.id === idOrEmail || (user.email !== null && user.email.toLowerCase() === wanted));
}

function hintedUserOrFirst(state: SandboxState, request: AuthorizationRequest): SandboxUser {
  return (request.loginHint ? findUser(state.dataset.users, request.loginHint) : undefined) ?? state.dataset.users[0];
}
