import type * as vscode from 'vscode';
import { BoomTownError } from '../../core/shared/errors';
import { EnvVars } from '../../constants';
import type { BoomTownConfig } from '../../core/shared/config';
import { ClientSecrets, type ClientSecretSource } from '../../core/auth/clientSecrets';
import type { ClientCredentials } from '../../core/auth/tokenEndpoint';
import { secretStoreFrom } from './secretStore';

/**
 * The OAuth client's id (setting or BOOMTOWN_CLIENT_ID) and secret (SecretStorage, per
 * authorization server, or BOOMTOWN_CLIENT_SECRET). The secret is never a setting and never logged;
 * a missing one is a typed error the boundary turns into an offer to set it.
 */
export class CredentialsSource {
  private readonly secrets: ClientSecrets;

  constructor(
    secrets: vscode.SecretStorage,
    private readonly config: () => BoomTownConfig,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.secrets = new ClientSecrets({
      store: secretStoreFrom(secrets),
      userAuthUrl: () => this.config().authUrl,
      env: { secret: env[EnvVars.clientSecret] || undefined, authUrl: env[EnvVars.authUrl] || undefined },
    });
  }

  /** The credentials for the authorization server at `authUrl`: its secret goes there and nowhere else. */
  async get(authUrl: string): Promise<ClientCredentials> {
    const { clientId, clientAuthentication } = this.config();
    if (!clientId) {
      throw new BoomTownError('missingClientId', `No BoomTown client id is set. Set the "boomtown.clientId" setting or the ${EnvVars.clientId} environment variable.`);
    }
    const clientSecret = (await this.secrets.get(authUrl))?.value;
    if (!clientSecret) {
      throw new BoomTownError('missingClientSecret', `No BoomTown client secret is set for ${new URL(authUrl).origin}. Run "BoomTown: Set Client Secret" or set the ${EnvVars.clientSecret} environment variable.`);
    }
    return { clientId, clientSecret, authentication: clientAuthentication };
  }

  /** Where the configured server's secret would come from, without revealing it (for diagnosis). */
  async secretSource(): Promise<ClientSecretSource | 'missing'> {
    return (await this.secrets.get(this.config().authUrl))?.source ?? 'missing';
  }

  /** "Set Client Secret" stores it for the server the user's settings name. */
  async setSecret(value: string): Promise<void> {
    await this.secrets.set(this.config().authUrl, value);
  }
}
