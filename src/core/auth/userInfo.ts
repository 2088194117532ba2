import type { HttpDispatcher } from '../shared/transport/httpRequest';
import { BoomTownApi } from '../api/boomtownApi';
import { HttpClient } from '../api/httpClient';
import { parseMe } from '../api/parse';
import type { TokenSource } from '../api/tokenSource';
import type { Me } from '../api/apiTypes';
import { BoomTownError } from '../shared/errors';
import type { Account } from './sessionTypes';

interface UserInfoRequest {
  dispatcher: HttpDispatcher;
  apiUrl: string;
  accessToken: string;
  timeoutMs: number;
  cancellation?: AbortSignal;
}

/**
 * GET /v1/me names the account a new session belongs to. It is read by the API client's own
 * reader (BoomTownApi.me), with the token just issued and no second chances: a sign-in that
 * cannot name its account fails at once, and the user starts it again.
 */
export async function fetchAccount(request: UserInfoRequest): Promise<Account> {
  const limits = { headersMs: request.timeoutMs, bodyMs: request.timeoutMs, overallMs: request.timeoutMs };
  const http = new HttpClient({
    dispatcher: request.dispatcher,
    config: () => ({ apiUrl: request.apiUrl }),
    tokens: newSessionToken(request.accessToken, request.apiUrl),
    timeouts: limits,
    retry: { maxRetries: 0, maxRateLimitRetries: 0 },
  });
  const { data } = await new BoomTownApi(http).me({ cancellation: request.cancellation });
  return accountOf(data);
}

/** A /v1/me body as an account; an answer without a usable id is 'malformedResponse'. */
export function accountFromMe(body: Record<string, unknown>): Account {
  const parsed = parseMe(body);
  if (!parsed.ok) throw new BoomTownError('malformedResponse', `The user info answer could not be read: ${parsed.problem}.`);
  return accountOf(parsed.item);
}

/** id = the user id; label = the email, else "First Last", else the id. */
function accountOf(me: Me): Account {
  const name = [me.firstName?.trim(), me.lastName?.trim()].filter(Boolean).join(' ');
  return { id: me.id, label: me.email?.trim() || name || me.id };
}

/** The token of a session still being made: a 401 means the sign-in did not take, there is nothing to refresh. */
function newSessionToken(accessToken: string, apiUrl: string): TokenSource {
  const refused = () => new BoomTownError('notSignedIn', 'BoomTown did not accept the token it just issued.', { status: 401 });
  return {
    getAccessToken: async () => ({ sessionId: 'new-session', accessToken, apiUrl }),
    refreshAfterUnauthorized: async () => {
      throw refused();
    },
    rejectedAfterRefresh: async () => undefined,
  };
}
