import type { Dispatcher } from 'undici';
import type { HostProbe } from './diagnosis';
import { transportErrorCode } from '../shared/transport/transportErrors';

/**
 * Asks a host whether it answers at all and how fast. Any HTTP answer below 500 counts as
 * reachable (a 404 at the root still proves DNS, TLS and routing work). The Date header gives the
 * clock difference, which matters because token expiry is judged by the local clock.
 */
export async function probeHost(dispatcher: Dispatcher, url: string, now: () => number = Date.now, timeoutMs = 5000): Promise<HostProbe> {
  const started = now();
  try {
    const response = await dispatcher.request({
      origin: new URL(url).origin,
      path: new URL(url).pathname,
      method: 'GET',
      headers: { accept: 'application/json' },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    const ms = now() - started;
    const date = response.headers['date'];
    const serverTime = typeof date === 'string' ? Date.parse(date) : NaN;
    return {
      url,
      ok: response.statusCode < 500,
      status: response.statusCode,
      ms,
      clockSkewSeconds: Number.isNaN(serverTime) ? undefined : (serverTime - (started + ms / 2)) / 1000,
    };
  } catch (error) {
    return { url, ok: false, ms: now() - started, error: transportErrorCode(error) ?? (error as Error).name };
  }
}
