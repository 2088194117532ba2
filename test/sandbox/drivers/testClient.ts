/**
 * A minimal OAuth + API client for driving the sandbox from tests, benchmarks and scripts. It is a
 * test driver, deliberately independent of the extension's own code (src/core/auth), so the
 * sandbox is checked against the contract rather than against the code it serves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../oauth/clients';

export const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1:43117/callback';
export const DEFAULT_SCOPE = 'offline_access leads:read agents:read profile';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeParams {
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  challenge?: string;
  loginHint?: string;
  /** Replaces or removes (undefined) any parameter, to build broken requests. */
  override?: Record<string, string | undefined>;
}

export function authorizeUrl(baseUrl: string, params: AuthorizeParams = {}): string {
  const query: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: params.clientId ?? DEFAULT_CLIENT_ID,
    redirect_uri: params.redirectUri ?? LOOPBACK_REDIRECT_URI,
    scope: params.scope ?? DEFAULT_SCOPE,
    state: params.state ?? 'state-123',
    code_challenge: params.challenge ?? newPkce().challenge,
    code_challenge_method: 'S256',
    login_hint: params.loginHint,
    ...params.override,
  };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.append(key, value);
  return `${baseUrl}/oauth/authorize?${search.toString()}`;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: any;
}

export async function httpRequest(
  url: string,
  options: { method?: Dispatcher.HttpMethod; headers?: Record<string, string>; body?: string; dispatcher?: Dispatcher } = {},
): Promise<HttpAnswer> {
  const response = await request(url, { method: options.method ?? 'GET', headers: options.headers, body: options.body, dispatcher: options.dispatcher });
  const text = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

export function headerOf(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The query parameters the server appended to a redirect Location. */
export function redirectParams(answer: HttpAnswer): URLSearchParams {
  const location = headerOf(answer, 'location');
  if (!location) throw new Error(`expected a redirect, got ${answer.status}: ${answer.text.slice(0, 200)}`);
  return new URL(location).searchParams;
}

/** Extracts the pending request id of a consent page. */
export function consentRequestId(html: string): string {
  const match = /name="request" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no consent request id in the page');
  return match[1];
}

export function postDecision(baseUrl: string, requestId: string, decision: 'approve' | 'deny', userId?: string): Promise<HttpAnswer> {
  const form = new URLSearchParams({ request: requestId, decision, ...(userId ? { user: userId } : {}) });
  return httpRequest(`${baseUrl}/oauth/authorize/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** 'body' (default): client_id + client_secret in the body; 'basic': HTTP Basic. */
  auth?: 'body' | 'basic';
  /** Send JSON instead of a form body. */
  json?: boolean;
}

const DEFAULT_CREDENTIALS: ClientCredentials = { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET };

/** POSTs to /oauth/token, /oauth/revoke or /oauth/device_authorization with the chosen client authentication and body format. */
export function postOAuth(baseUrl: string, path: '/oauth/token' | '/oauth/revoke' | '/oauth/device_authorization', params: Record<string, string>, credentials: ClientCredentials = DEFAULT_CREDENTIALS): Promise<HttpAnswer> {
  const fields: Record<string, string> = { ...params };
  const headers: Record<string, string> = {};
  if (credentials.auth === 'basic') {
    const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
    headers.authorization = `Basic ${Buffer.from(`${encode(credentials.clientId)}:${encode(credentials.clientSecret)}`).toString('base64')}`;
  } else {
    fields.client_id = credentials.clientId;
    fields.client_secret = credentials.clientSecret;
  }
  headers['content-type'] = credentials.json ? 'application/json' : 'application/x-www-form-urlencoded';
  const body = credentials.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
  return httpRequest(`${baseUrl}${path}`, { method: 'POST', headers, body });
}

export interface SignInResult {
  accessToken: string;
  refreshToken?: string;
  expiresIn?: number;
  scope: string;
  code: string;
  pkce: Pkce;
  redirectUri: string;
}

export interface SignInOptions extends AuthorizeParams {
  /** Who approves on the consent page when autoApprove is off (default: the preselected user). */
  userId?: string;
  credentials?: ClientCredentials;
}

export interface AuthorizedCode {
  code: string;
  pkce: Pkce;
  redirectUri: string;
  state: string;
}

/** The front-channel half: authorize (consent page or auto-approval) -> a code for the redirect URI. */
export async function authorizeCode(baseUrl: string, options: SignInOptions = {}): Promise<AuthorizedCode> {
  const pkce = newPkce();
  const redirectUri = options.redirectUri ?? LOOPBACK_REDIRECT_URI;
  const state = options.state ?? randomBytes(8).toString('hex');
  let answer = await httpRequest(authorizeUrl(baseUrl, { ...options, redirectUri, state, challenge: pkce.challenge }));
  if (answer.status === 200) {
    const userId = options.userId ?? /name="user" value="([^"]+)" checked/.exec(answer.text)?.[1];
    answer = await postDecision(baseUrl, consentRequestId(answer.text), 'approve', userId);
  }
  const params = redirectParams(answer);
  const code = params.get('code');
  if (!code || params.get('state') !== state) throw new Error(`authorization failed: ${params.toString()}`);
  return { code, pkce, redirectUri, state };
}

export function exchangeCode(baseUrl: string, authorized: AuthorizedCode, credentials?: ClientCredentials): Promise<HttpAnswer> {
  return postOAuth(
    baseUrl,
    '/oauth/token',
    { grant_type: 'authorization_code', code: authorized.code, redirect_uri: authorized.redirectUri, code_verifier: authorized.pkce.verifier },
    credentials,
  );
}

/** The whole authorization-code flow: authorize -> code -> tokens. Throws when any step fails. */
export async function signIn(baseUrl: string, options: SignInOptions = {}): Promise<SignInResult> {
  const authorized = await authorizeCode(baseUrl, options);
  const token = await exchangeCode(baseUrl, authorized, options.credentials);
  if (token.status !== 200) throw new Error(`token request failed: ${token.status} ${token.text}`);
  return {
    accessToken: token.json.access_token,
    refreshToken: token.json.refresh_token,
    expiresIn: token.json.expires_in,
    scope: token.json.scope,
    code: authorized.code,
    pkce: authorized.pkce,
    redirectUri: authorized.redirectUri,
  };
}

export function refresh(baseUrl: string, refreshToken: string, credentials?: ClientCredentials): Promise<HttpAnswer> {
  return postOAuth(baseUrl, '/oauth/token', { grant_type: 'refresh_token', refresh_token: refreshToken }, credentials);
}

export function apiGet(baseUrl: string, path: string, accessToken?: string): Promise<HttpAnswer> {
  return httpRequest(`${baseUrl}${path}`, { headers: { accept: 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) } });
}

/** Follows a list to its end using the limit each response reports; stops at a short page when total is absent. */
export async function fetchAllPages(baseUrl: string, path: string, accessToken: string, requestedLimit = 100): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let offset = 0;
  let pages = 0;
  for (;;) {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await apiGet(baseUrl, `${path}${separator}limit=${requestedLimit}&offset=${offset}`, accessToken);
    if (answer.status !== 200) throw new Error(`GET ${path} failed: ${answer.status} ${answer.text.slice(0, 200)}`);
    pages++;
    const { data, _metadata: meta } = answer.json;
    items.push(...data);
    offset += data.length;
    const done = typeof meta.total === 'number' ? offset >= meta.total : data.length < meta.limit;
    if (done || data.length === 0) return { items, pages };
  }
}

/** RFC 8628 §3.1: asks for a device code. */
export function requestDeviceCode(baseUrl: string, scope: string = DEFAULT_SCOPE, credentials: ClientCredentials = DEFAULT_CREDENTIALS): Promise<HttpAnswer> {
  return postOAuth(baseUrl, '/oauth/device_authorization', { scope }, credentials);
}

/** One poll of the token endpoint with a device code (RFC 8628 §3.4). */
export function pollDeviceToken(baseUrl: string, deviceCode: string, credentials?: ClientCredentials): Promise<HttpAnswer> {
  return postOAuth(baseUrl, '/oauth/token', { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode }, credentials);
}

/** What the user does on the user-code page: approve or deny the code as a user (default: the first one). */
export function decideDeviceCode(baseUrl: string, userCode: string, decision: 'approve' | 'deny', userId = 'u_1'): Promise<HttpAnswer> {
  const form = new URLSearchParams({ user_code: userCode, decision, user: userId });
  return httpRequest(`${baseUrl}/oauth/device/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}
