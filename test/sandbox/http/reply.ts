/** What a route answers, before faults and the writer shape how it goes out on the wire. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function htmlReply(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { Location: location, ...NO_STORE, 'Referrer-Policy': 'no-referrer' }, body: '' };
}

/** RFC 6749 §5.2 error body of the token and revocation endpoints. */
export function oauthErrorReply(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error, error_description: description }, { ...NO_STORE, ...headers });
}

export type ApiErrorCode = 'invalid_token' | 'forbidden' | 'not_found' | 'rate_limited' | 'bad_request' | 'server_error';

/** The contract's API error body: {"error": {"code", "message"}}. */
export function apiErrorReply(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error: { code, message } }, headers);
}
