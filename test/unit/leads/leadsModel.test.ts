import assert from 'node:assert/strict';
import { silentLogger } from '../../../src/core/shared/logger';
import { LeadsModel, type LeadNode } from '../../../src/core/leads/leadsModel';
import { HOSTILE_LEAD_IDS } from '../../sandbox';
import { kinds, leadIds, only } from './nodeQueries';
import { makeClient, type TestClient } from '../api/helpers/clients';
import { startSignedIn, type SandboxSession } from '../api/helpers/sandboxSession';


/** The leads tree model against the sandbox (real HTTP); exact answers from MockAgent are in leadsModel.mock.test.ts. */
describe('LeadsModel', function () {
  this.timeout(15_000);

  describe('against the sandbox', () => {
    let session: SandboxSession;
    let client: TestClient;
    let model: LeadsModel;
    let changes: Array<LeadNode | undefined>;

    async function begin(options: Parameters<typeof startSignedIn>[0] = {}, pageSize = 10) {
      session = await startSignedIn({ leads: 25, ...options });
      client = makeClient(session.dispatcher, session.sandbox.url, { tokens: session.tokens, retry: { maxRetries: 0 } });
      model = new LeadsModel({ api: client.api, pageSize, logger: silentLogger });
      changes = [];
      model.onDidChange((node) => changes.push(node));
    }
    afterEach(async () => {
      model?.dispose();
      await session?.close();
    });

    it('shows nothing before the first load, so the welcome view can show', async () => {
      await begin();
      assert.deepEqual(model.roots(), []);
    });

    it('loading, then the first page of leads and a load-more row', async () => {
      await begin();
      const loading = model.load();
      assert.deepEqual(model.roots(), [{ kind: 'loading', label: 'Loading leads…' }]);
      await loading;
      const roots = model.roots();
      assert.deepEqual(kinds(roots), [...Array(10).fill('lead'), 'loadMore']);
      assert.equal(only(roots, 'loadMore').parentId, undefined);
      assert.ok(changes.length >= 2 && changes.every((change) => change === undefined));
    });

    it('load more appends pages until the last one, then the row goes away', async () => {
      await begin();
      await model.load();
      const firstIds = leadIds(model.roots());
      await model.loadMore(only(model.roots(), 'loadMore'));
      assert.deepEqual(leadIds(model.roots()).slice(0, 10), firstIds);
      assert.equal(leadIds(model.roots()).length, 20);
      await model.loadMore();
      const roots = model.roots();
      assert.equal(leadIds(roots).length, 25);
      assert.ok(!kinds(roots).includes('loadMore'));
      assert.equal(new Set(leadIds(roots)).size, 25);
    });

    it('a search with no results: an empty row saying so', async () => {
      await begin();
      await model.setQuery({ q: 'no-such-lead-anywhere' });
      assert.deepEqual(model.roots(), [{ kind: 'empty', label: 'No leads match this search' }]);
      assert.deepEqual(model.query, { q: 'no-such-lead-anywhere' });
    });

    it('a failed load: an error row with the reason', async () => {
      await begin({ faults: { failEveryN: 1 } });
      await model.load();
      const error = only(model.roots(), 'error');
      assert.equal(error.reason, 'serverError');
      assert.ok(error.detail.length > 0);
      assert.equal(model.roots().length, 1);
    });

    it('a failed load-more keeps the leads, adds an error row and keeps the load-more row', async () => {
      await begin();
      await model.load();
      session.sandbox.setFaults({ failEveryN: 1 });
      await model.loadMore();
      const roots = model.roots();
      assert.deepEqual(kinds(roots), [...Array(10).fill('lead'), 'error', 'loadMore']);
      session.sandbox.setFaults({ failEveryN: 0 });
      await model.loadMore();
      assert.deepEqual(kinds(model.roots()), [...Array(20).fill('lead'), 'loadMore']);
    });

    it('a session that ends while loading: signed out', async () => {
      await begin({ faults: { expireTokensAfterSeconds: 0 } });
      await model.load();
      assert.deepEqual(model.roots(), [{ kind: 'signedOut' }]);
    });

    it('setSignedOut drops everything', async () => {
      await begin();
      await model.load();
      const someId = leadIds(model.roots())[0];
      model.setSignedOut();
      assert.deepEqual(model.roots(), [{ kind: 'signedOut' }]);
      assert.equal(model.leadById(someId), undefined);
    });

    it('children are lazy: a lead has two sections, fetched only when a section is expanded', async () => {
      await begin();
      await model.load();
      const lead = only(model.roots().slice(0, 1), 'lead');
      const sections = await model.children(lead);
      assert.deepEqual(
        sections.map((node) => (node.kind === 'section' ? [node.section, node.leadId] : node.kind)),
        [
          ['notes', lead.id],
          ['events', lead.id],
        ],
      );
      assert.equal(session.sandbox.counters().byRoute['GET /v1/leads/{id}/notes'] ?? 0, 0);
      const events = await model.children(sections[1]);
      assert.equal(session.sandbox.counters().byRoute['GET /v1/leads/{id}/events'], 1);
      assert.ok(events.every((node) => ['event', 'empty', 'loadMore'].includes(node.kind)), JSON.stringify(kinds(events)));
      // Expanding again reads what is loaded.
      await model.children(sections[1]);
      assert.equal(session.sandbox.counters().byRoute['GET /v1/leads/{id}/events'], 1);
      // The same section objects come back, so a change event for one refreshes the row VS Code knows.
      assert.deepEqual(await model.children(lead), sections);
      assert.equal((await model.children(lead))[0], sections[0]);
    });

    it('section children are paged: load more fires a change for that section and appends', async () => {
      await begin({}, 2);
      await model.load();
      // Find a lead with more than 2 activity entries.
      let section: LeadNode | undefined;
      let firstPage: LeadNode[] = [];
      for (const lead of model.roots().filter((node) => node.kind === 'lead')) {
        const [, events] = await model.children(lead);
        firstPage = await model.children(events);
        if (kinds(firstPage).includes('loadMore')) {
          section = events;
          break;
        }
      }
      assert.ok(section, 'some lead has more than one page of activity');
      const loadMore = only(firstPage, 'loadMore');
      assert.equal(loadMore.parentId, section.kind === 'section' ? section.id : '');
      changes = [];
      await model.loadMore(loadMore);
      assert.ok(changes.includes(section), 'the section itself was announced as changed');
      const secondPage = await model.children(section);
      const eventIds = secondPage.flatMap((node) => (node.kind === 'event' ? [node.id] : []));
      assert.ok(eventIds.length > 2);
      assert.equal(new Set(eventIds).size, eventIds.length);
      assert.ok(eventIds.every((id) => id.startsWith('event:')));
    });

    it('hostile leads come out as bounded plain text', async () => {
      await begin({ leads: 60 }, 100);
      await model.load();
      const leads = model.roots().filter((node): node is Extract<LeadNode, { kind: 'lead' }> => node.kind === 'lead');
      assert.ok(Object.values(HOSTILE_LEAD_IDS).every((id) => model.leadById(id)), 'all hostile leads are listed');
      for (const node of leads) {
        assert.ok(node.label.length > 0 && node.label.length <= 80, node.label);
        assert.ok(node.tooltip.length <= 500);
        for (const text of [node.label, node.description, node.tooltip]) {
          assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text), JSON.stringify(text));
        }
      }
      const wrongTypes = leads.find((node) => node.id === HOSTILE_LEAD_IDS.wrongTypes)!;
      assert.match(wrongTypes.description, /incomplete/);
    });
  });
});
