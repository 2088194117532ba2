import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import { createApiDispatcher } from '../../../../src/core/shared/transport/dispatcher';

/** A real forward proxy on loopback that records which targets it tunnelled to (HTTP CONNECT). */
async function startConnectProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('createApiDispatcher and proxies', () => {
  let origin: Server;
  let originUrl: string;
  let proxy: Awaited<ReturnType<typeof startConnectProxy>>;
  let dispatcher: Dispatcher | undefined;

  before(async () => {
    origin = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url })));
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    proxy = await startConnectProxy();
  });
  afterEach(async () => {
    await dispatcher?.close();
    dispatcher = undefined;
    proxy.tunnels.length = 0;
  });
  after(async () => {
    await proxy.close();
    await new Promise((resolve) => origin.close(resolve));
  });

  async function get(path: string): Promise<unknown> {
    const response = await dispatcher!.request({ origin: originUrl, path, method: 'GET' });
    return response.body.json();
  }

  it('connects directly when no proxy is configured', async () => {
    dispatcher = await createApiDispatcher({}, {});
    assert.deepEqual(await get('/v1/me'), { path: '/v1/me' });
    assert.deepEqual(proxy.tunnels, []);
  });

  it('goes through the configured proxy (VS Code\'s http.proxy)', async () => {
    dispatcher = await createApiDispatcher({}, { url: proxy.url });
    assert.deepEqual(await get('/v1/leads?limit=1'), { path: '/v1/leads?limit=1' });
    assert.deepEqual(proxy.tunnels, [new URL(originUrl).host]);
  });

  it('goes direct for hosts in http.noProxy', async () => {
    dispatcher = await createApiDispatcher({}, { url: proxy.url, noProxy: ['127.0.0.1'] });
    assert.deepEqual(await get('/v1/me'), { path: '/v1/me' });
    assert.deepEqual(proxy.tunnels, []);
  });
});
