import { Agent, type Dispatcher } from 'undici';
import { start, type Sandbox, type SandboxOptions } from '../../../sandbox/index';

/** The project's sandbox on a loopback port, with an undici Agent for the code under test. */
export async function startSandbox(options: SandboxOptions = {}): Promise<{
  sandbox: Sandbox;
  dispatcher: Agent;
  config: () => { authUrl: string; apiUrl: string };
  credentials: () => Promise<{ clientId: string; clientSecret: string }>;
  close(): Promise<void>;
}> {
  const sandbox = await start({ port: 0, host: '127.0.0.1', autoApprove: true, leads: 5, ...options });
  const dispatcher = new Agent();
  const [client] = sandbox.clients;
  return {
    sandbox,
    dispatcher,
    config: () => ({ authUrl: sandbox.url, apiUrl: sandbox.url }),
    credentials: async () => ({ clientId: client.clientId, clientSecret: client.clientSecret }),
    close: async () => {
      await dispatcher.close();
      await sandbox.stop();
    },
  };
}

/** GET /v1/me with a token: the status tells whether the token works. */
export async function meStatus(dispatcher: Dispatcher, baseUrl: string, accessToken: string): Promise<number> {
  const url = new URL('/v1/me', baseUrl);
  const response = await dispatcher.request({ origin: url.origin, path: url.pathname, method: 'GET', headers: { authorization: `Bearer ${accessToken}` } });
  await response.body.text();
  return response.statusCode;
}
