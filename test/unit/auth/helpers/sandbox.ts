import type { Dispatcher } from 'undici';
import { startSandbox as startRunningSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index';

/** The project's sandbox on a loopback port, with an undici Agent for the code under test. */
export function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startRunningSandbox({ port: 0, host: '127.0.0.1', autoApprove: true, leads: 5, ...options });
}

/** GET /v1/me with a token: the status tells whether the token works. */
export async function meStatus(dispatcher: Dispatcher, baseUrl: string, accessToken: string): Promise<number> {
  const url = new URL('/v1/me', baseUrl);
  const response = await dispatcher.request({ origin: url.origin, path: url.pathname, method: 'GET', headers: { authorization: `Bearer ${accessToken}` } });
  await response.body.text();
  return response.statusCode;
}
