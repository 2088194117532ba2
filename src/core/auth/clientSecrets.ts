import { SecretKeys } from '../../constants';
import { normalizeBaseUrl } from '../shared/config';
import type { SecretStore } from '../shared/ports';

/** Where the secret was stored before secrets were kept per server (one key for every server). */
const LEGACY_CLIENT_SECRET_KEY = SecretKeys.clientSecret;

/** One SecretStorage key per authorization-server origin. */
function clientSecretKey(authUrl: string): string {
  return `${LEGACY_CLIENT_SECRET_KEY}@${originOf(authUrl)}`;
}

export type ClientSecretSource = 'secret storage' | 'environment';

interface ClientSecretsDeps {
  store: SecretStore;
  /** The authorization server the user's (or the remote machine's) settings name now; never a workspace's. */
  userAuthUrl: () => string;
  /** BOOMTOWN_CLIENT_SECRET, and BOOMTOWN_AUTH_URL: the server the environment meant it for. */
  env: { secret?: string; authUrl?: string };
}

/**
 * The OAuth client secret, kept per authorization server and handed out for that server only: a
 * secret set for A is never sent to B. The environment's secret (how `npm start` and CI run) goes
 * only to the server of the user's settings or the one BOOMTOWN_AUTH_URL names.
 */
export class ClientSecrets {
  private migration?: Promise<void>;

  constructor(private readonly deps: ClientSecretsDeps) {}

  async get(authUrl: string): Promise<{ value: string; source: ClientSecretSource } | undefined> {
    await this.migrateOnce();
    const stored = (await this.deps.store.get(clientSecretKey(authUrl)))?.trim();
    if (stored) return { value: stored, source: 'secret storage' };
    const secret = this.deps.env.secret?.trim();
    if (secret && this.environmentMayGoTo(authUrl)) return { value: secret, source: 'environment' };
    return undefined;
  }

  async set(authUrl: string, value: string): Promise<void> {
    await this.migrateOnce();
    await this.deps.store.store(clientSecretKey(authUrl), value);
  }

  private environmentMayGoTo(authUrl: string): boolean {
    const origin = originOf(authUrl);
    const { authUrl: envAuthUrl } = this.deps.env;
    return origin === originOf(this.deps.userAuthUrl()) || (envAuthUrl !== undefined && envAuthUrl.trim() !== '' && origin === originOf(envAuthUrl));
  }

  /**
   * The single secret of earlier versions belongs to the server the user's settings name when it
   * is first read; it moves to that server's key (unless one is already set there) and the old key goes.
   */
  private migrateOnce(): Promise<void> {
    this.migration ??= (async () => {
      const legacy = (await this.deps.store.get(LEGACY_CLIENT_SECRET_KEY))?.trim();
      if (!legacy) return;
      const key = clientSecretKey(this.deps.userAuthUrl());
      if (!(await this.deps.store.get(key))?.trim()) await this.deps.store.store(key, legacy);
      await this.deps.store.delete(LEGACY_CLIENT_SECRET_KEY);
    })().catch((error) => {
      this.migration = undefined; // tried again on the next read
      throw error;
    });
    return this.migration;
  }
}

function originOf(url: string): string {
  const normalized = normalizeBaseUrl(url);
  return normalized ? new URL(normalized).origin : url;
}
