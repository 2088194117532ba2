import type { HttpDispatcher } from '../shared/transport/httpRequest';
import type { HostProbe } from './diagnosis';
import { isBoomTownError } from '../shared/errors';
import { headerValue, send } from '../shared/transport/httpRequest';
import { transportErrorCode } from '../shared/transport/transportErrors';

/**
 * Asks a host whether it answers at all and how fast. Any HTTP answer below 500 counts as
 * reachable (a 404 at the root still proves DNS, TLS and routing work). The Date header gives the
 * clock difference, which matters because token expiry is judged by the local clock.
 */
export async function probeHost(dispatcher: HttpDispatcher, url: string, now: () => number = Date.now, timeoutMs = 5000): Promise<HostProbe> {
  const started = now();
  try {
    const answer = await send({
      dispatcher,
      method: 'GET',
      // The path only: a probe never sends a query (it might carry someone's search).
      url: new URL(new URL(url).pathname, url),
      headers: { accept: 'application/json' },
      timeoutMs,
      what: 'host probe',
      discardBody: true,
    });
    const ms = now() - started;
    const serverTime = Date.parse(headerValue(answer.headers['date']));
    return {
      url,
      ok: answer.status < 500,
      status: answer.status,
      ms,
      clockSkewSeconds: Number.isNaN(serverTime) ? undefined : (serverTime - (started + ms / 2)) / 1000,
    };
  } catch (error) {
    // The system's code says most ("ECONNREFUSED"); a limit of our own has none, so its reason does.
    return { url, ok: false, ms: now() - started, error: transportErrorCode(error) ?? (isBoomTownError(error) ? error.reason : (error as Error).name) };
  }
}
