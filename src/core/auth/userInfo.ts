import type { Dispatcher } from 'undici';
import { BoomTownError, type ErrorReason } from '../shared/errors';
import type { Cancellation } from '../shared/ports';
import { send } from '../shared/transport/httpRequest';
import { parseJsonObject } from './tokens';
import type { Account } from './sessionTypes';

export interface UserInfoRequest {
  dispatcher: Dispatcher;
  apiUrl: string;
  accessToken: string;
  timeoutMs: number;
  cancellation?: Cancellation;
}

/** GET /v1/me names the account a new session belongs to. */
export async function fetchAccount(request: UserInfoRequest): Promise<Account> {
  const answer = await send({
    dispatcher: request.dispatcher,
    method: 'GET',
    url: `${request.apiUrl.replace(/\/+$/, '')}/v1/me`,
    headers: { authorization: `Bearer ${request.accessToken}`, accept: 'application/json' },
    timeoutMs: request.timeoutMs,
    cancellation: request.cancellation,
    what: 'user info request',
  });
  if (answer.status < 200 || answer.status >= 300) {
    throw new BoomTownError(reasonForStatus(answer.status), `Reading the signed-in user failed (HTTP ${answer.status}).`, { status: answer.status });
  }
  const body = parseJsonObject(answer.text);
  if (!body) throw new BoomTownError('malformedResponse', 'The user info answer is not a JSON object.');
  return accountFromMe(body);
}

/** id = the user id; label = the email, else "First Last", else the id. */
export function accountFromMe(me: Record<string, unknown>): Account {
  const id = typeof me.id === 'number' && Number.isFinite(me.id) ? String(me.id) : me.id;
  if (typeof id !== 'string' || id.trim() === '') throw new BoomTownError('malformedResponse', 'The user info answer has no user id.');
  const email = text(me.email);
  const name = [text(me.firstName), text(me.lastName)].filter(Boolean).join(' ');
  return { id, label: email || name || id };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function reasonForStatus(status: number): ErrorReason {
  if (status === 401) return 'notSignedIn';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'serverError';
  return 'badRequest';
}
