/** Settings (as read from the workbench or anywhere else) -> a validated configuration. */
export const DEFAULT_AUTH_URL = 'https://auth.boomtownroi.com';
export const DEFAULT_API_URL = 'https://api.boomtownroi.com';

export interface RawSettings {
  /** Values the user set explicitly (undefined when left at the default). */
  authUrl?: unknown;
  apiUrl?: unknown;
  clientId?: unknown;
}

export interface EnvOverrides {
  BOOMTOWN_AUTH_URL?: string;
  BOOMTOWN_API_URL?: string;
  BOOMTOWN_CLIENT_ID?: string;
}

export interface BoomTownConfig {
  authUrl: string;
  apiUrl: string;
  clientId: string | undefined;
  /** Where each value came from, for diagnosis. */
  sources: { authUrl: Source; apiUrl: Source; clientId: Source };
  problems: string[];
}

export type Source = 'setting' | 'environment' | 'default' | 'missing';

/**
 * Precedence: a value the user set > the environment (how `npm start` and CI point the extension at
 * the sandbox without writing user settings) > the default host.
 */
export function resolveConfig(settings: RawSettings, env: EnvOverrides): BoomTownConfig {
  const problems: string[] = [];
  const authUrl = pickUrl('boomtown.authUrl', settings.authUrl, env.BOOMTOWN_AUTH_URL, DEFAULT_AUTH_URL, problems);
  const apiUrl = pickUrl('boomtown.apiUrl', settings.apiUrl, env.BOOMTOWN_API_URL, DEFAULT_API_URL, problems);
  const clientId = pickString(settings.clientId, env.BOOMTOWN_CLIENT_ID);
  return {
    authUrl: authUrl.value,
    apiUrl: apiUrl.value,
    clientId: clientId.value,
    sources: { authUrl: authUrl.source, apiUrl: apiUrl.source, clientId: clientId.source },
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

function pickString(setting: unknown, envValue: string | undefined): { value: string | undefined; source: Source } {
  if (typeof setting === 'string' && setting.trim()) return { value: setting.trim(), source: 'setting' };
  if (envValue && envValue.trim()) return { value: envValue.trim(), source: 'environment' };
  return { value: undefined, source: 'missing' };
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
  return url.toString().replace(/\/+$/, '');
}
