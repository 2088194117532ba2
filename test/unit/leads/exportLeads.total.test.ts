import assert from 'node:assert/strict';
import { MockAgent, type Interceptable } from 'undici';
import { aPage, numberedLeads } from '../api/helpers/builders';
import { makeClient, type TestClient } from '../api/helpers/clients';
import { exportLeads } from '../../../src/core/leads/exportLeads';

const ORIGIN = 'https://api.example.test';

/** A server whose `_metadata.total` lies: the export ends at the first empty or short page anyway. */
describe('exportLeads with a total that lies (MockAgent)', () => {
  let agent: MockAgent;
  let pool: Interceptable;
  let client: TestClient;
  let offsets: number[];

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    pool = agent.get(ORIGIN);
    client = makeClient(agent, ORIGIN);
    offsets = [];
  });
  afterEach(async () => {
    await agent.close();
  });

  /** Serves `real` leads in pages of `limit`, every page claiming `total` (persisting: counts every request). */
  function serve(real: number, limit: number, total: number) {
    const leads = numberedLeads(real);
    pool
      .intercept({ path: (path) => path.startsWith('/v1/leads?'), method: 'GET' })
      .reply((request) => {
        const offset = Number(new URL(request.path, ORIGIN).searchParams.get('offset'));
        offsets.push(offset);
        const body = aPage(leads.slice(offset, offset + limit), { offset, limit, total });
        return { statusCode: 200, data: JSON.stringify(body), responseOptions: { headers: { 'content-type': 'application/json' } } };
      })
      .persist();
  }

  it('10 real leads, total 1,000,000: one request, the 10 leads', async () => {
    serve(10, 25, 1_000_000);
    const result = await exportLeads(client.api, {}, { pageSize: 25, concurrency: 4 });
    assert.equal(result.leads.length, 10);
    assert.deepEqual(offsets, [0]);
  });

  it('a full first page, then empty pages, total 1,000,000: stops at the first empty page (at most the workers already out)', async () => {
    serve(25, 25, 1_000_000);
    const result = await exportLeads(client.api, {}, { pageSize: 25, concurrency: 4 });
    assert.equal(result.leads.length, 25);
    assert.ok(offsets.length <= 1 + 4, `${offsets.length} requests`);
  });

  it('a short page in the middle ends it: nothing after it is kept or asked for beyond the workers out', async () => {
    serve(60, 25, 1_000_000);
    const result = await exportLeads(client.api, {}, { pageSize: 25, concurrency: 2 });
    assert.deepEqual(result.leads.map((lead) => lead.id), numberedLeads(60).map((_, i) => `L-${i + 1}`));
    assert.ok(offsets.length <= 3 + 2, `${offsets.length} requests`);
  });
});
