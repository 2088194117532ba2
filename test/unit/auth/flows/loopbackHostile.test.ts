import assert from 'node:assert/strict';
import net from 'node:net';
import { startLoopbackRedirect } from '../../../../src/core/auth/flows/loopback';
import { silentLogger } from '../../../../src/core/shared/logger';

/** Raw bytes to the loopback server, as any local process can send them; resolves with what came back. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.end(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the loopback redirect server and a request no URL can be made of', () => {
  it('answers 400 to `GET http://[` and keeps waiting for the real callback', async () => {
    const delivered: string[] = [];
    const loopback = await startLoopbackRedirect({ deliver: (query) => (delivered.push(query), true), logger: silentLogger });
    try {
      const answer = await rawRequest(loopback.port, 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      assert.match(answer, /^HTTP\/1\.1 400 /);
      const callback = await rawRequest(loopback.port, 'GET /callback?code=c&state=s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      assert.match(callback, /^HTTP\/1\.1 200 /);
      assert.deepEqual(delivered, ['code=c&state=s']);
    } finally {
      await loopback.close();
    }
  });
});
