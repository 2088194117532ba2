import assert from 'node:assert/strict';
import type { Sleep } from '../../../src/core/shared/cancellation';
import { pages } from '../../../src/core/api/paging';
import { exportLeads } from '../../../src/core/leads/exportLeads';
import { BoomTownError, isBoomTownError } from '../../../src/core/shared/errors';
import { makeClient, type TestClient } from '../api/helpers/clients';
import { maxServerOverlap, meterInFlight, type InFlightMeter } from '../api/helpers/inFlight';
import { startSignedIn, type SandboxSession } from '../api/helpers/sandboxSession';

/** exportLeads against the sandbox: parallel within limits, in order, complete, and polite on 429. */
describe('exportLeads against the sandbox', function () {
  this.timeout(20_000);
  let session: SandboxSession;
  let meter: InFlightMeter;
  let client: TestClient;

  async function begin(options: Parameters<typeof startSignedIn>[0], clientOverrides: Parameters<typeof makeClient>[2] = {}) {
    session = await startSignedIn(options);
    meter = meterInFlight(session.dispatcher);
    client = makeClient(meter.dispatcher, session.sandbox.url, { tokens: session.tokens, ...clientOverrides });
  }
  afterEach(async () => {
    await session?.close();
  });

  /** The ids in server order, read one page at a time (the reference the export must match). */
  async function idsInOrder(query: { q?: string; stage?: string; sort?: string } = {}): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of pages(async (offset) => (await client.api.listLeads({ ...query, limit: 100, offset })).data)) ids.push(...page.items.map((lead) => lead.id));
    return ids;
  }

  function leadPageRequests(): number {
    return session.sandbox.counters().byRoute['GET /v1/leads'] ?? 0;
  }

  it('with total: at most 4 requests in flight, every lead once and in order, no request past the end', async () => {
    await begin({ leads: 200, maxPageLimit: 20, faults: { latencyMs: 40 } });
    const expected = await idsInOrder({ sort: 'lastName' });
    session.sandbox.resetCounters();
    const progress: Array<[number, number | undefined]> = [];
    const result = await exportLeads(client.api, { sort: 'lastName' }, { concurrency: 4, onProgress: (count, total) => progress.push([count, total]) });

    assert.deepEqual(
      result.leads.map((lead) => lead.id),
      expected,
    );
    assert.equal(result.total, 200);
    assert.equal(leadPageRequests(), 10, 'exactly the 10 pages of 20');
    assert.equal(meter.maxInFlight, 4, 'the workers did run in parallel, never more than 4');
    assert.ok(maxServerOverlap(session.sandbox.requests()) <= 4);
    assert.deepEqual(progress.at(-1), [200, 200]);
    assert.ok(progress.every(([count], index) => index === 0 || count > progress[index - 1][0]));
  });

  it('without total: pages one at a time until a short page', async () => {
    await begin({ leads: 95, maxPageLimit: 20, includeTotal: false });
    const result = await exportLeads(client.api, {}, { concurrency: 4 });
    assert.equal(result.leads.length, 95);
    assert.equal(new Set(result.leads.map((lead) => lead.id)).size, 95);
    assert.equal(result.total, undefined);
    assert.equal(leadPageRequests(), 5);
    assert.equal(meter.maxInFlight, 1);
  });

  it('passes the query on to every page', async () => {
    await begin({ leads: 120, maxPageLimit: 10 });
    const expected = await idsInOrder({ stage: 'nurture' });
    const result = await exportLeads(client.api, { stage: 'nurture' });
    assert.ok(expected.length > 10, 'the filter leaves several pages');
    assert.deepEqual(
      result.leads.map((lead) => lead.id),
      expected,
    );
    assert.ok(result.leads.every((lead) => lead.stage === 'nurture'));
  });

  it('on a 429 every worker pauses until Retry-After has passed', async () => {
    let now = Date.parse('2026-09-01T12:00:00Z');
    const clock = { now: () => now };
    const observations: Array<{ dispatchedAtPause: number; dispatchedLater: number; inFlightLater: number }> = [];
    let held = false;
    // The first wait is held open for a while (real time) to watch the other workers, then time jumps.
    // Any other wait passes at once: a worker waiting on its own, instead of on the shared pause,
    // would go on sending while the first wait is held.
    const sleep: Sleep = async (ms) => {
      if (!held) {
        held = true;
        const dispatchedAtPause = meter.dispatched;
        await new Promise((resolve) => setTimeout(resolve, 300));
        observations.push({ dispatchedAtPause, dispatchedLater: meter.dispatched, inFlightLater: meter.inFlight });
      }
      now += ms;
    };
    await begin({ leads: 200, maxPageLimit: 20, clock, faults: { rateLimit: { limit: 4, windowSeconds: 10 }, latencyMs: 20 } }, { clock, sleep });
    const waits: number[] = [];
    const result = await exportLeads(client.api, {}, { concurrency: 4, onWait: (info) => waits.push(info.seconds) });

    assert.equal(result.leads.length, 200);
    assert.equal(new Set(result.leads.map((lead) => lead.id)).size, 200);
    const [first] = observations;
    assert.ok(first, 'a 429 happened');
    assert.equal(first.dispatchedLater, first.dispatchedAtPause, 'no worker sent a request while paused');
    assert.equal(first.inFlightLater, 0);
    assert.ok(waits.length >= 1 && waits.every((seconds) => seconds > 0 && seconds <= 10));
    const answered = session.sandbox.requests().filter((record) => record.route === '/v1/leads' && record.status === 200);
    assert.equal(answered.length, 10, 'each page fetched once');
  });

  it('a page that fails for good stops the export with that error, and the other workers stop', async () => {
    await begin({ leads: 300, maxPageLimit: 10, faults: { failEveryN: 5, latencyMs: 10 } }, { retry: { maxRetries: 0 } });
    await assert.rejects(exportLeads(client.api, {}), (error) => isBoomTownError(error, 'serverError'));
    const sent = meter.dispatched;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(meter.dispatched, sent, 'nothing more was requested after the failure');
    assert.ok(sent < 30, `stopped early (${sent} of 30 pages requested)`);
  });

  it('cancelling stops the export with cancelled and sends nothing more', async () => {
    await begin({ leads: 300, maxPageLimit: 10, faults: { latencyMs: 15 } });
    const controller = new AbortController();
    const exporting = exportLeads(client.api, {}, { cancellation: controller.signal, onProgress: (count) => count >= 50 && controller.abort() });
    await assert.rejects(exporting, (error) => error instanceof BoomTownError && error.reason === 'cancelled');
    const sent = meter.dispatched;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(meter.dispatched, sent);
    assert.ok(sent < 31);
  });
});
