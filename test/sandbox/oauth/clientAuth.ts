/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3.1): HTTP Basic or
 * client_id + client_secret in the body, never both. A failure is invalid_client with 401; the
 * Basic challenge header is added when the client tried Basic.
 */
import { timingSafeEqual } from 'node:crypto';
import { oauthErrorReply, type Reply } from '../http/reply';
import type { ClientAuthenticationMode, SandboxClient } from '../types';

export type ClientAuthentication = { ok: true; client: SandboxClient; method: 'basic' | 'body' } | { ok: false; reply: Reply };

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="BoomTown sandbox", charset="UTF-8"' };

/** `mode` other than 'any' plays a server whose client is registered for one method only (e.g. client_secret_basic). */
export function authenticateClient(
  authorization: string | undefined,
  params: URLSearchParams,
  clients: readonly SandboxClient[],
  mode: ClientAuthenticationMode = 'any',
): ClientAuthentication {
  const result = authenticateEitherWay(authorization, params, clients);
  if (!result.ok || mode === 'any' || result.method === mode) return result;
  return invalidClient(mode === 'basic' ? 'this client must authenticate with HTTP Basic (client_secret_basic)' : 'this client must send client_secret in the body (client_secret_post)', mode === 'basic');
}

function authenticateEitherWay(authorization: string | undefined, params: URLSearchParams, clients: readonly SandboxClient[]): ClientAuthentication {
  if (authorization !== undefined) {
    const basic = parseBasic(authorization);
    if (!basic) return invalidClient('the Authorization header is not valid HTTP Basic client authentication', true);
    if (params.has('client_secret')) return invalidRequest('use one client authentication method: HTTP Basic or client_secret in the body, not both');
    const bodyClientId = params.get('client_id');
    if (bodyClientId !== null && bodyClientId !== basic.clientId) return invalidRequest('client_id in the body differs from the HTTP Basic client');
    return check(basic.clientId, basic.secret, 'basic', clients);
  }
  const clientId = params.get('client_id');
  const secret = params.get('client_secret');
  if (!clientId) return invalidClient('client authentication is missing (client_id)', false);
  if (secret === null) return invalidClient('client_secret is missing', false);
  return check(clientId, secret, 'body', clients);
}

function check(clientId: string, secret: string, method: 'basic' | 'body', clients: readonly SandboxClient[]): ClientAuthentication {
  const client = clients.find((candidate) => candidate.clientId === clientId);
  if (!client || !sameSecret(client.clientSecret, secret)) return invalidClient('unknown client or wrong client secret', method === 'basic');
  return { ok: true, client, method };
}

/** RFC 6749 §2.3.1: the id and secret are form-encoded before being joined with ':' and base64-encoded. */
export function parseBasic(header: string): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function sameSecret(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

function invalidClient(description: string, basicUsed: boolean): ClientAuthentication {
  return { ok: false, reply: oauthErrorReply(401, 'invalid_client', description, basicUsed ? BASIC_CHALLENGE : {}) };
}

function invalidRequest(description: string): ClientAuthentication {
  return { ok: false, reply: oauthErrorReply(400, 'invalid_request', description) };
}
