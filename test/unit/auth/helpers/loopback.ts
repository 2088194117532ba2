import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server for failure shapes MockAgent cannot produce (a server that never answers, a dropped socket). */
export async function loopbackServer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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
