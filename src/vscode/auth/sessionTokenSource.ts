import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, DEFAULT_SCOPES } from '../../constants';
import { tokensFromSessions, type TokenSource } from '../../core/api/tokenSource';
import type { SessionService } from '../../core/auth/sessions/sessionService';

/**
 * Access tokens for our own API calls, obtained the way any consumer gets them: through
 * vscode.authentication.getSession, so the same refresh-on-read rules apply.
 */
export function sessionTokenSource(service: SessionService): TokenSource {
  return tokensFromSessions(async () => vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { silent: true }), service);
}
