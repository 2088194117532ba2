import http from 'node:http';

/**
 * The sandbox's admin routes, as seen from the extension host: the runner hands the sandbox URL to
 * VS Code through BOOMTOWN_API_URL, the same variable the extension reads.
 */
export function sandboxUrl(): string | undefined {
  return process.env.BOOMTOWN_API_URL;
}

export interface SandboxCounters {
  total: number;
  byRoute: Record<string, number>;
  byGrant: Record<string, number>;
  byStatus: Record<string, number>;
}

export async function adminCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const base = sandboxUrl();
  if (!base) throw new Error('BOOMTOWN_API_URL is unset: these tests need the offline runner’s sandbox');
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise<T>((resolve, reject) => {
    const request = http.request(
      `${base}${path}`,
      { method, headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}, timeout: 10_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) reject(new Error(`sandbox ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`sandbox ${path} timed out`)));
    request.on('error', reject);
    request.end(payload);
  });
}

export const sandbox = {
  stats: () => adminCall<SandboxCounters>('GET', '/admin/stats'),
  reset: () => adminCall<SandboxCounters>('POST', '/admin/reset'),
  setFaults: (faults: Record<string, unknown>) => adminCall('POST', '/admin/faults', faults),
  clearFaults: () => adminCall('POST', '/admin/faults', { rateLimit: null, failEveryN: 0, dropEveryN: 0, latencyMs: 0, malformedJsonEveryN: 0, htmlEveryN: 0, expireTokensAfterSeconds: null }),
  expireTokens: () => adminCall('POST', '/admin/expire-tokens'),
};

/** Polls until `check` returns a value, or fails with `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
