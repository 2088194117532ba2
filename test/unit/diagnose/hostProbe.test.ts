import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { probeHost } from '../../../src/core/diagnose/hostProbe';
import { loopbackServer, type LoopbackServer } from '../../support/loopback';

describe('probeHost', () => {
  let server: LoopbackServer;
  let base: string;
  let answer: { status: number; date?: string };
  const agent = new Agent();

  before(async () => {
    server = await loopbackServer((_req, res) => {
      res.sendDate = false;
      if (answer.date) res.setHeader('date', answer.date);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end('{}');
    });
    base = server.url;
  });
  after(async () => {
    await agent.close();
    await server.close();
  });

  it('counts any answer below 500 as reachable and measures the clock difference', async () => {
    answer = { status: 404, date: new Date(Date.now() + 120_000).toUTCString() };
    const probe = await probeHost(agent, `${base}/oauth/authorize`);
    assert.equal(probe.ok, true);
    assert.equal(probe.status, 404);
    assert.ok(probe.clockSkewSeconds! > 100 && probe.clockSkewSeconds! < 140, String(probe.clockSkewSeconds));
  });

  it('reports a 5xx as a problem', async () => {
    answer = { status: 503 };
    const probe = await probeHost(agent, `${base}/v1/me`);
    assert.equal(probe.ok, false);
    assert.equal(probe.status, 503);
    assert.equal(probe.clockSkewSeconds, undefined);
  });

  it('reports an unreachable host with its error code', async () => {
    const probe = await probeHost(agent, 'http://127.0.0.1:1/');
    assert.equal(probe.ok, false);
    assert.equal(probe.error, 'ECONNREFUSED');
  });
});
