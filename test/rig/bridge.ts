import type http from 'node:http';
import { loopbackServer, type LoopbackServer } from '../support/loopback';
import type { BridgeApi, BridgeCall } from './bridgeProtocol';

export type BridgeHandlers = {
  [K in BridgeCall]: (request: BridgeApi[K]['request']) => Promise<BridgeApi[K]['response']> | BridgeApi[K]['response'];
};

export type RunningBridge = LoopbackServer;

const MAX_BODY_BYTES = 1_000_000;

/**
 * The runner's end of the bridge: `POST /<call>` with JSON, answered by the matching handler.
 * Loopback only; the extension host reaches it because it runs on this machine.
 */
export function startBridge(handlers: BridgeHandlers): Promise<RunningBridge> {
  return loopbackServer((request, response) => {
    void answer(handlers, request, response);
  });
}

async function answer(handlers: BridgeHandlers, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const name = (request.url ?? '').replace(/^\//, '');
  if (request.method !== 'POST' || !Object.hasOwn(handlers, name)) {
    send(404, { error: `no bridge call ${request.method} ${request.url}` });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse((await readBody(request)) || '{}');
  } catch (error) {
    send(400, { error: `bad request body: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  try {
    const handler = handlers[name as BridgeCall] as (request: unknown) => unknown;
    send(200, (await handler(body)) ?? {});
  } catch (error) {
    send(500, { error: error instanceof Error ? error.message : String(error) });
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    request.on('error', reject);
  });
}
