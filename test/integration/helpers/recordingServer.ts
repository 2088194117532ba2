import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one request carried: never values, only where a credential would show. */
export interface ReceivedRequest {
  method: string;
  path: string;
  /** The Authorization header as it came (this server is the test's own: it must stay empty). */
  authorization?: string;
  /** Form-field and JSON keys of the body, and query parameter names. */
  bodyKeys: string[];
  queryKeys: string[];
}

/**
 * "Another server" a workspace could name: it answers every request with an empty JSON object and
 * records what it received, so a test can prove that no token, refresh token, code, verifier or
 * client secret reached it.
 */
export async function startRecordingServer(): Promise<{ url: string; received: ReceivedRequest[]; close(): Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://recorder');
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization, bodyKeys: keysOf(body), queryKeys: [...url.searchParams.keys()] });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function keysOf(body: string): string[] {
  if (!body) return [];
  try {
    const json = JSON.parse(body) as unknown;
    if (json && typeof json === 'object') return Object.keys(json);
  } catch {
    // a form body
  }
  return [...new URLSearchParams(body).keys()];
}
