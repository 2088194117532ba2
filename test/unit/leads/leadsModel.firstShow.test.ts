import assert from 'node:assert/strict';
import { MockAgent } from 'undici';
import { LeadsModel } from '../../../src/core/leads/leadsModel';
import { silentLogger } from '../../../src/core/shared/logger';
import { aPage, numberedLeads } from '../api/helpers/builders';
import { kinds } from './nodeQueries';
import { makeClient } from '../api/helpers/clients';

const ORIGIN = 'https://api.example.test';

/**
 * The view's first showing and Fetch Leads meet in the model: it alone knows whether it is untouched,
 * so the view never infers that from how many rows there are.
 */
describe('LeadsModel.showFirstTime', () => {
  let agent: MockAgent;
  let requests: number;
  let model: LeadsModel;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    requests = 0;
    agent
      .get(ORIGIN)
      .intercept({ path: (path) => path.startsWith('/v1/leads?') })
      .reply(() => {
        requests++;
        return { statusCode: 200, data: JSON.stringify(aPage(numberedLeads(2), { limit: 25, total: 2 })), responseOptions: { headers: { 'content-type': 'application/json' } } };
      })
      .persist();
    model = new LeadsModel({ api: makeClient(agent, ORIGIN, { retry: { maxRetries: 0 } }).api, logger: silentLogger });
  });
  afterEach(async () => {
    model.dispose();
    await agent.close();
  });

  it('an untouched model, signed in: loads the first page', async () => {
    await model.showFirstTime(async () => true);
    assert.deepEqual(kinds(model.roots()), ['lead', 'lead']);
    assert.equal(requests, 1);
  });

  it('an untouched model, signed out: the signed-out row, no request', async () => {
    await model.showFirstTime(async () => false);
    assert.deepEqual(kinds(model.roots()), ['signedOut']);
    assert.equal(requests, 0);
  });

  it('a load already started (Fetch Leads before it reveals the view): no second load', async () => {
    const loading = model.load();
    let asked = false;
    await model.showFirstTime(async () => (asked = true));
    await loading;
    assert.equal(asked, false, 'the sign-in state is not even read');
    assert.equal(requests, 1);
  });

  it('a load that starts while the sign-in state is read wins: still one load', async () => {
    let loading: Promise<void> | undefined;
    await model.showFirstTime(async () => {
      loading = model.load();
      return true;
    });
    await loading;
    assert.equal(requests, 1);
    assert.deepEqual(kinds(model.roots()), ['lead', 'lead']);
  });

  it('a model showing the signed-out row is left alone', async () => {
    model.setSignedOut();
    await model.showFirstTime(async () => true);
    assert.deepEqual(kinds(model.roots()), ['signedOut']);
    assert.equal(requests, 0);
  });
});
