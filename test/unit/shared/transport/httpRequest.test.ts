import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { Agent } from 'undici';
import { HttpClient } from '../../../../src/core/api/httpClient';
import { isBoomTownError, type BoomTownError, type ErrorReason } from '../../../../src/core/shared/errors';
import { exchange, send } from '../../../../src/core/shared/transport/httpRequest';
import { loopbackServer, type LoopbackServer } from '../../../support/loopback';
import { FakeTokens } from '../../api/helpers/fakeTokens';

/**
 * The one transport against a loopback server that misbehaves on purpose: a body dripping a byte
 * every 20 ms never trips undici's silence limits, so only the overall deadline can end the call.
 */
describe('the transport (loopback)', () => {
  let server: LoopbackServer;
  let origin: string;
  let requests: number;
  /** Whether each drip reached its last byte (false: the client hung up first). */
  let finished: boolean[];
  let reply: (res: ServerResponse) => void;
  const agent = new Agent();

  function drip(res: ServerResponse, bytes: number, everyMs: number): void {
    const index = finished.push(false) - 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    const timer = setInterval(() => {
      if (sent === bytes) {
        clearInterval(timer);
        finished[index] = true;
        res.end();
        return;
      }
      res.write(' ');
      sent++;
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  }

  before(async () => {
    server = await loopbackServer((_req, res) => {
      requests++;
      reply(res);
    });
    origin = server.url;
  });
  beforeEach(() => {
    requests = 0;
    finished = [];
  });
  after(async () => {
    await agent.close();
    await server.close();
  });

  async function failure(promise: Promise<unknown>, reason: ErrorReason): Promise<BoomTownError> {
    const error = await promise.then(
      () => assert.fail(`expected a ${reason} error`),
      (e: unknown) => e,
    );
    assert.ok(isBoomTownError(error, reason), `expected ${reason}, got ${String(error)}`);
    return error;
  }

  it('an API call whose body drips in fails with timeout at the overall deadline, and is not tried again', async () => {
    reply = (res) => drip(res, 500, 20); // 10 s of body, never 500 ms of silence
    const http = new HttpClient({
      dispatcher: agent,
      config: () => ({ apiUrl: origin }),
      tokens: new FakeTokens(origin),
      timeouts: { headersMs: 500, bodyMs: 500, overallMs: 300 },
    });
    const error = await failure(http.getJson('/v1/me'), 'timeout');
    assert.match(error.message, /300 ms/);
    assert.equal(requests, 1);
    assert.deepEqual(finished, [false], 'the client hung up before the body was complete');
  });

  it('the token endpoint and the probe share it: send() throws the same typed timeout', async () => {
    reply = (res) => drip(res, 500, 20);
    const error = await failure(send({ dispatcher: agent, method: 'POST', url: `${origin}/oauth/token`, body: 'x=1', timeoutMs: 300, what: 'token request' }), 'timeout');
    assert.match(error.message, /token request/);
    assert.deepEqual(finished, [false]);
  });

  it('an answer within the deadline comes back whole, with status, headers and timing', async () => {
    reply = (res) => drip(res, 3, 5);
    const result = await exchange({ dispatcher: agent, method: 'GET', url: `${origin}/v1/me`, timeoutMs: 5_000, what: 'request' });
    assert.equal(result.kind, 'answered');
    if (result.kind !== 'answered') return;
    assert.equal(result.answer.status, 200);
    assert.equal(result.answer.text, '   ');
    assert.equal(result.answer.headers['content-type'], 'application/json');
    assert.ok(result.answer.durationMs >= 0);
  });

  it('the caller cancelling ends the exchange as cancelled, not timeout', async () => {
    reply = (res) => drip(res, 500, 20);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await exchange({ dispatcher: agent, method: 'GET', url: `${origin}/`, timeoutMs: 5_000, cancellation: controller.signal, what: 'request' });
    assert.ok(result.kind === 'failed' && isBoomTownError(result.failure.error, 'cancelled') && !result.failure.retryable);
  });

  it('a body over the size limit is refused as malformedResponse, not retried', async () => {
    reply = (res) => res.writeHead(200).end('x'.repeat(4096));
    const result = await exchange({ dispatcher: agent, method: 'GET', url: `${origin}/`, timeoutMs: 5_000, maxBodyBytes: 1024, what: 'request' });
    assert.ok(result.kind === 'failed' && isBoomTownError(result.failure.error, 'malformedResponse') && !result.failure.retryable);
  });

  it('a refused connection is a retryable network failure', async () => {
    const result = await exchange({ dispatcher: agent, method: 'GET', url: 'http://127.0.0.1:1/', timeoutMs: 5_000, what: 'request' });
    assert.ok(result.kind === 'failed' && isBoomTownError(result.failure.error, 'network') && result.failure.retryable);
  });
});
