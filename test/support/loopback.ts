/**
 * The one loopback HTTP server of the tests, the benchmarks and the rig (its bridge): for failure
 * shapes MockAgent cannot produce (a server that never answers, a dropped socket) and for anything a
 * real socket on this machine must answer. Plain Node, so every test layer may import it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, the port chosen by the system. */
  url: string;
  /** Drops open connections (keep-alive ones too) and stops listening. */
  close(): Promise<void>;
}

export async function loopbackServer(handler: http.RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that nobody listens on (taken, then released). */
export async function closedPort(): Promise<string> {
  const server = await loopbackServer(() => undefined);
  await server.close();
  return server.url;
}
