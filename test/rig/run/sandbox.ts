import { EnvVars } from '../../../src/constants';
import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';

/**
 * Not 127.0.0.1: VS Code port-forwards localhost/127.0.0.1 URLs given to openExternal, and
 * code-server 4.100.3 loses their path and query on the way. Another loopback address is opened as it is.
 */
export const SANDBOX_HOST = '127.0.0.2';

export interface RigSandbox {
  sandbox: Sandbox;
  /** The extension's settings come from these (BOOMTOWN_AUTH_URL, BOOMTOWN_API_URL, client id and secret). */
  env: Record<string, string>;
}

/** autoApprove off shows the sandbox's consent page, which the browser (or a person) answers. */
export async function startRigSandbox(options: { autoApprove: boolean }): Promise<RigSandbox> {
  const { sandbox, credentials } = await startSandbox({ host: SANDBOX_HOST, autoApprove: options.autoApprove });
  const client = await credentials();
  return {
    sandbox,
    env: {
      [EnvVars.authUrl]: sandbox.url,
      [EnvVars.apiUrl]: sandbox.url,
      [EnvVars.clientId]: client.clientId,
      [EnvVars.clientSecret]: client.clientSecret,
    },
  };
}
