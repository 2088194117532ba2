import assert from 'node:assert/strict';
import { MockAgent, type Interceptable } from 'undici';
import { rawExchangeOf } from '../../../src/core/api/httpErrors';
import { isBoomTownError } from '../../../src/core/shared/errors';
import { aLead, anErrorBody, aPage } from './helpers/builders';
import { makeClient, type TestClient } from './helpers/clients';

const ORIGIN = 'https://api.example.test';
const json = { headers: { 'content-type': 'application/json' } };

describe('BoomTownApi endpoints (MockAgent)', () => {
  let agent: MockAgent;
  let pool: Interceptable;
  let client: TestClient;
  let paths: string[];

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    pool = agent.get(ORIGIN);
    client = makeClient(agent, `${ORIGIN}/`);
    paths = [];
  });
  afterEach(async () => {
    await agent.close();
  });

  function serve(body: unknown, status = 200) {
    pool.intercept({ path: () => true }).reply((request) => {
      paths.push(request.path);
      return { statusCode: status, data: JSON.stringify(body), responseOptions: json };
    });
  }

  it('listLeads sends limit, offset and only the filters given', async () => {
    serve(aPage([aLead()], { limit: 10 }));
    await client.api.listLeads({ limit: 10, offset: 20, q: 'ada & co', stage: 'nurture', sort: undefined });
    const url = new URL(paths[0], ORIGIN);
    assert.equal(url.pathname, '/v1/leads');
    assert.deepEqual(Object.fromEntries(url.searchParams), { limit: '10', offset: '20', q: 'ada & co', stage: 'nurture' });
  });

  it('listLeads uses the limit the server reports', async () => {
    serve(aPage([aLead(), aLead()], { limit: 2, total: 10 }));
    const { data } = await client.api.listLeads({ limit: 500 });
    assert.equal(data.limit, 2);
    assert.equal(data.nextOffset, 2);
    assert.equal(data.hasMore, true);
  });

  it('a lead with a wrong type among good ones: all shown, that one partial; one without id reported', async () => {
    serve(aPage([aLead({ id: 'L-1' }), aLead({ id: 'L-2', phones: { value: 'x' }, firstName: ['A'] }), { firstName: 'no id' }, aLead({ id: 'L-3' })]));
    const { data } = await client.api.listLeads();
    assert.deepEqual(
      data.items.map((lead) => lead.id),
      ['L-1', 'L-2', 'L-3'],
    );
    assert.deepEqual(data.items[0].warnings, []);
    assert.equal(data.items[1].warnings.length, 2);
    assert.deepEqual(
      data.malformed.map((entry) => entry.index),
      [2],
    );
  });

  it('a list answer that is not a page: malformedResponse with the exchange attached', async () => {
    serve({ leads: [] });
    try {
      await client.api.listLeads();
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(isBoomTownError(error, 'malformedResponse'));
      assert.equal(rawExchangeOf(error)?.bodyText, '{"leads":[]}');
    }
  });

  it('getLead escapes the id into the path and accepts a {data: lead} wrapper', async () => {
    serve({ data: aLead({ id: 'L/1?x' }) });
    const { data } = await client.api.getLead('L/1?x');
    assert.equal(paths[0], '/v1/leads/L%2F1%3Fx');
    assert.equal(data.id, 'L/1?x');
  });

  it('me() refuses an answer without an id', async () => {
    serve({ email: 'x@example.com' });
    await assert.rejects(client.api.me(), (error) => isBoomTownError(error, 'malformedResponse'));
  });

  it('notes, events and agents use their paths and paging', async () => {
    serve(aPage([{ id: 'N-1', body: 'hi' }], { limit: 5, total: 1 }));
    serve(aPage([{ id: 'E-1', type: 'called' }], { limit: 5, total: 1 }));
    serve(aPage([{ id: 'A-1', firstName: 'Bo' }], { limit: 5, total: 1 }));
    const notes = await client.api.listNotes('L-1', { limit: 5, offset: 5 });
    const events = await client.api.listEvents('L-1');
    const agents = await client.api.listAgents({ offset: 0 });
    assert.deepEqual(paths, ['/v1/leads/L-1/notes?limit=5&offset=5', '/v1/leads/L-1/events?limit=25&offset=0', '/v1/agents?limit=25&offset=0']);
    assert.equal(notes.data.items[0].body, 'hi');
    assert.equal(events.data.items[0].type, 'called');
    assert.equal(agents.data.items[0].firstName, 'Bo');
  });

  it('getRaw sends a valid path as typed and returns the parsed body', async () => {
    serve({ anything: [1, 2] });
    const { data, raw } = await client.api.getRaw('v1/leads?limit=1&custom=yes');
    assert.equal(paths[0], '/v1/leads?limit=1&custom=yes');
    assert.deepEqual(data, { anything: [1, 2] });
    assert.equal(raw.url, `${ORIGIN}/v1/leads?limit=1&custom=yes`);
  });

  it('getRaw refuses paths outside the API without sending anything', async () => {
    for (const path of ['https://evil.example/v1/me', '/v1/../oauth/token', '/oauth/token']) {
      await assert.rejects(client.api.getRaw(path), (error) => isBoomTownError(error, 'badInput'));
    }
    assert.equal(paths.length, 0);
  });

  it('getRaw on a 404 fails with notFound but keeps the answer to show', async () => {
    serve(anErrorBody('not_found', 'No such lead'), 404);
    try {
      await client.api.getRaw('/v1/leads/nope');
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(isBoomTownError(error, 'notFound'));
      assert.match(error.message, /No such lead/);
      assert.equal(rawExchangeOf(error)?.status, 404);
    }
  });
});
