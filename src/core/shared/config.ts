/** Settings (as read from the workbench or anywhere else) -> a validated configuration. */
import { withoutTrailingSlashes } from './trailingSlashes';
import { checkAuthorizeParameters, type AuthorizeParametersCheck } from './authorizeParameters';

export const DEFAULT_AUTH_URL = 'https://auth.boomtownroi.com';
export const DEFAULT_API_URL = 'https://api.boomtownroi.com';

/** The server settings as the user (or the remote machine) set them: never a workspace's values. */
export interface RawSettings {
  /** Values the user set explicitly (undefined when left at the default). */
  authUrl?: unknown;
  apiUrl?: unknown;
  clientId?: unknown;
  authorizeParameters?: unknown;
  clientAuthentication?: unknown;
  issuer?: unknown;
  /** Where a sign-in's code goes (#23): like the server settings, never a workspace's. */
  signInFlow?: unknown;
  redirectUri?: unknown;
  loopbackPort?: unknown;
}

interface EnvOverrides {
  BOOMTOWN_AUTH_URL?: string;
  BOOMTOWN_API_URL?: string;
  BOOMTOWN_CLIENT_ID?: string;
}

export interface BoomTownConfig {
  authUrl: string;
  apiUrl: string;
  clientId: string | undefined;
  /** Extra authorize-request parameters (`boomtown.authorizeParameters`), or why the setting is unusable. */
  authorizeParameters: AuthorizeParametersCheck;
  /** How the client authenticates at the token endpoint (RFC 6749 §2.3.1): form fields, or HTTP Basic. */
  clientAuthentication: ClientAuthenticationMethod;
  /** The authorization server's issuer identifier that an `iss` on the callback must equal (RFC 9207). */
  issuer: string;
  /** `boomtown.signInFlow`: "auto" or the flow to start with. */
  signInFlow: SignInFlowSetting;
  /** `boomtown.redirectUri`: a redirect URI registered with the app, for the paste-back flow. */
  redirectUri: string | undefined;
  /** `boomtown.loopbackPort`: the loopback flow's fixed port; an ephemeral one when undefined. */
  loopbackPort: number | undefined;
  /** Where each value came from, for diagnosis (every server setting: the keys of RawSettings). */
  sources: Record<keyof RawSettings, Source>;
  problems: string[];
}

/** `boomtown.signInFlow`: "auto" (the flow table's first) or the flow to start with (core/auth/flows/flowTable.ts). */
export const SIGN_IN_FLOW_SETTINGS = ['auto', 'vscode', 'loopback', 'redirectUri', 'deviceCode'] as const;
export type SignInFlowSetting = (typeof SIGN_IN_FLOW_SETTINGS)[number];

export type Source = 'setting' | 'environment' | 'default' | 'missing';

export type ClientAuthenticationMethod = 'body' | 'basic';

/**
 * Precedence: a value the user set > the environment (how `npm start` and CI point the extension at
 * the sandbox without writing user settings) > the default host.
 */
export function resolveConfig(settings: RawSettings, env: EnvOverrides): BoomTownConfig {
  const problems: string[] = [];
  const authUrl = pickUrl('boomtown.authUrl', settings.authUrl, env.BOOMTOWN_AUTH_URL, DEFAULT_AUTH_URL, problems);
  const apiUrl = pickUrl('boomtown.apiUrl', settings.apiUrl, env.BOOMTOWN_API_URL, DEFAULT_API_URL, problems);
  const clientId = pickString(settings.clientId, env.BOOMTOWN_CLIENT_ID);
  const authorizeParameters = checkAuthorizeParameters(settings.authorizeParameters);
  if (!authorizeParameters.ok) problems.push(`boomtown.authorizeParameters: ${authorizeParameters.problem}`);
  return {
    authUrl: authUrl.value,
    apiUrl: apiUrl.value,
    clientId: clientId.value,
    authorizeParameters,
    clientAuthentication: pickClientAuthentication(settings.clientAuthentication, problems),
    issuer: pickIssuer(settings.issuer, authUrl.value, problems),
    signInFlow: pickSignInFlow(settings.signInFlow, problems),
    redirectUri: pickRedirectUri(settings.redirectUri, problems),
    loopbackPort: pickLoopbackPort(settings.loopbackPort, problems),
    sources: {
      authUrl: authUrl.source,
      apiUrl: apiUrl.source,
      clientId: clientId.source,
      clientAuthentication: settingOrDefault(settings.clientAuthentication),
      issuer: settingOrDefault(settings.issuer),
      authorizeParameters: settingOrDefault(settings.authorizeParameters),
      signInFlow: settingOrDefault(settings.signInFlow),
      redirectUri: settingOrDefault(settings.redirectUri),
      loopbackPort: settings.loopbackPort === null || settings.loopbackPort === 0 ? 'default' : settingOrDefault(settings.loopbackPort),
    },
    problems,
  };
}

function pickUrl(name: string, setting: unknown, envValue: string | undefined, fallback: string, problems: string[]): { value: string; source: Source } {
  for (const [candidate, source] of [
    [setting, 'setting'],
    [envValue, 'environment'],
  ] as const) {
    if (typeof candidate !== 'string' || candidate.trim() === '') continue;
    const normalized = normalizeBaseUrl(candidate);
    if (normalized) return { value: normalized, source };
    problems.push(`${name} is not an http(s) URL: ${JSON.stringify(candidate.slice(0, 200))}`);
  }
  return { value: fallback, source: 'default' };
}

/** Settings the environment cannot set: the user's value, or the default. */
function settingOrDefault(setting: unknown): Source {
  return setting === undefined || (typeof setting === 'string' && setting.trim() === '') ? 'default' : 'setting';
}

function pickString(setting: unknown, envValue: string | undefined): { value: string | undefined; source: Source } {
  if (typeof setting === 'string' && setting.trim()) return { value: setting.trim(), source: 'setting' };
  if (envValue && envValue.trim()) return { value: envValue.trim(), source: 'environment' };
  return { value: undefined, source: 'missing' };
}

function pickClientAuthentication(setting: unknown, problems: string[]): ClientAuthenticationMethod {
  if (setting === undefined || setting === 'body' || setting === 'basic') return setting ?? 'body';
  problems.push(`boomtown.clientAuthentication must be "body" or "basic", not ${JSON.stringify(String(setting).slice(0, 50))}; using "body"`);
  return 'body';
}

function pickSignInFlow(setting: unknown, problems: string[]): SignInFlowSetting {
  if (setting === undefined || setting === null || setting === '') return 'auto';
  if ((SIGN_IN_FLOW_SETTINGS as readonly unknown[]).includes(setting)) return setting as SignInFlowSetting;
  problems.push(`boomtown.signInFlow must be one of ${SIGN_IN_FLOW_SETTINGS.join(', ')}, not ${JSON.stringify(String(setting).slice(0, 50))}; using "auto"`);
  return 'auto';
}

/** Any absolute URI without a fragment (RFC 6749 §3.1.2): an https callback, a loopback or a private-use scheme the app registered. */
function pickRedirectUri(setting: unknown, problems: string[]): string | undefined {
  if (setting === undefined || setting === null || (typeof setting === 'string' && setting.trim() === '')) return undefined;
  const value = typeof setting === 'string' ? setting.trim() : '';
  try {
    if (value && !value.includes('#') && new URL(value).protocol) return value;
  } catch {
    // reported below
  }
  problems.push(`boomtown.redirectUri is not an absolute URI without a fragment: ${JSON.stringify(String(setting).slice(0, 200))}; ignored`);
  return undefined;
}

function pickLoopbackPort(setting: unknown, problems: string[]): number | undefined {
  if (setting === undefined || setting === null || setting === '' || setting === 0) return undefined;
  if (typeof setting === 'number' && Number.isInteger(setting) && setting >= 1024 && setting <= 65535) return setting;
  problems.push(`boomtown.loopbackPort must be a port from 1024 to 65535, not ${JSON.stringify(String(setting).slice(0, 20))}; using a free port`);
  return undefined;
}

/**
 * The issuer as set (compared as a plain string, RFC 9207 §2.4, so it is kept exactly as written),
 * else the origin of the authorization server's URL.
 */
function pickIssuer(setting: unknown, authUrl: string, problems: string[]): string {
  const fallback = new URL(authUrl).origin;
  if (setting === undefined || (typeof setting === 'string' && setting.trim() === '')) return fallback;
  if (typeof setting === 'string' && isIssuerIdentifier(setting.trim())) return setting.trim();
  problems.push(`boomtown.issuer is not an https (or http) URL without query or fragment: ${JSON.stringify(String(setting).slice(0, 200))}; using ${fallback}`);
  return fallback;
}

function isIssuerIdentifier(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash && !value.includes('?') && !value.includes('#');
  } catch {
    return false;
  }
}

/** Accepts http(s) URLs only and drops a trailing slash so paths can be appended. */
export function normalizeBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.search || url.hash || url.username || url.password) return undefined;
  return withoutTrailingSlashes(url.toString());
}
