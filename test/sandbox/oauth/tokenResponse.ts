/** The token endpoint's success answer, shared by every grant (RFC 6749 §5.1). */
import type { SandboxState } from '../context';
import { jsonReply, NO_STORE, type Reply } from '../http/reply';
import type { Grant } from './grantStore';

export function tokenResponse(state: SandboxState, grant: Grant, scopes: string[], withRefreshToken: boolean): Reply {
  const accessToken = state.grants.issueAccessToken(grant, state.options.accessTokenTtlSeconds, scopes);
  const body: Record<string, unknown> = { access_token: accessToken.token, token_type: 'Bearer' };
  if (state.options.includeExpiresIn) body.expires_in = Math.max(1, Math.round(state.options.accessTokenTtlSeconds));
  if (withRefreshToken) body.refresh_token = state.grants.issueRefreshToken(grant).token;
  body.scope = scopes.join(' ');
  return jsonReply(200, body, { ...NO_STORE });
}
