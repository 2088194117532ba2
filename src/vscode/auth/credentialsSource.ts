import type * as vscode from 'vscode';
import { BoomTownError } from '../../core/shared/errors';
import { EnvVars, SecretKeys } from '../../constants';
import type { BoomTownConfig } from '../../core/shared/config';
import type { ClientCredentials } from '../../core/auth/tokenEndpoint';

/**
 * The OAuth client's id (setting or BOOMTOWN_CLIENT_ID) and secret (SecretStorage or BOOMTOWN_CLIENT_SECRET).
 * The secret is never a setting and never logged; a missing one is a typed error the boundary turns into an offer to set it.
 */
export class CredentialsSource {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly config: () => BoomTownConfig,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async get(): Promise<ClientCredentials> {
    const { clientId, clientAuthentication } = this.config();
    if (!clientId) {
      throw new BoomTownError('missingClientId', `No BoomTown client id is set. Set the "boomtown.clientId" setting or the ${EnvVars.clientId} environment variable.`);
    }
    const clientSecret = await this.secret();
    if (!clientSecret) {
      throw new BoomTownError('missingClientSecret', `No BoomTown client secret is set. Run "BoomTown: Set Client Secret" or set the ${EnvVars.clientSecret} environment variable.`);
    }
    return { clientId, clientSecret, authentication: clientAuthentication };
  }

  /** Where the secret would come from, without revealing it (for diagnosis). */
  async secretSource(): Promise<'secret storage' | 'environment' | 'missing'> {
    if (await this.readStored()) return 'secret storage';
    return this.env[EnvVars.clientSecret] ? 'environment' : 'missing';
  }

  async setSecret(value: string): Promise<void> {
    await this.secrets.store(SecretKeys.clientSecret, value);
  }

  private async secret(): Promise<string | undefined> {
    return (await this.readStored()) ?? (this.env[EnvVars.clientSecret] || undefined);
  }

  private async readStored(): Promise<string | undefined> {
    const stored = await this.secrets.get(SecretKeys.clientSecret);
    return stored && stored.trim() ? stored.trim() : undefined;
  }
}
