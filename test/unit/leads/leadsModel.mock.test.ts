import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { MockAgent } from 'undici';
import type { Lead } from '../../../src/core/api/apiTypes';
import { silentLogger } from '../../../src/core/shared/logger';
import { LeadsModel, type LeadNode } from '../../../src/core/leads/leadsModel';
import { aLead, anErrorBody, aPage } from '../api/helpers/builders';
import { kinds, leadIds, only } from './nodeQueries';
import { makeClient } from '../api/helpers/clients';



/** The leads tree model against exact answers from MockAgent: ordering, races and localization. */
describe('LeadsModel', function () {
  this.timeout(15_000);

  describe('with exact answers (MockAgent)', () => {
    const ORIGIN = 'https://api.example.test';
    let agent: MockAgent;
    let model: LeadsModel;

    beforeEach(() => {
      agent = new MockAgent();
      agent.disableNetConnect();
    });
    afterEach(async () => {
      model?.dispose();
      await agent.close();
    });

    function modelAnswering(...pages: unknown[]): LeadsModel {
      const pool = agent.get(ORIGIN);
      for (const body of pages) pool.intercept({ path: (path) => path.startsWith('/v1/leads?') }).reply(200, JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      model = new LeadsModel({ api: makeClient(agent, ORIGIN).api, pageSize: 2, logger: silentLogger });
      return model;
    }

    it('an unreadable entry is reported in its own row; the readable leads still show', async () => {
      modelAnswering(aPage([aLead({ id: 'L-1' }), { name: 'no id' }, aLead({ id: 'L-2', firstName: 99 })], { limit: 3, total: 3 }));
      await model.load();
      const roots = model.roots();
      assert.deepEqual(kinds(roots), ['lead', 'lead', 'error']);
      assert.equal(only(roots, 'error').reason, 'malformedResponse');
      assert.ok((model.leadById('L-2') as Lead).warnings.length > 0);
    });

    it('a lead repeated on the next page (data shifted) shows once', async () => {
      modelAnswering(aPage([aLead({ id: 'L-1' }), aLead({ id: 'L-2' })], { limit: 2, total: 4 }), aPage([aLead({ id: 'L-2' }), aLead({ id: 'L-3' })], { offset: 2, limit: 2, total: 4 }));
      await model.load();
      await model.loadMore();
      assert.deepEqual(leadIds(model.roots()), ['L-1', 'L-2', 'L-3']);
    });

    it('an empty account: "No leads yet"', async () => {
      modelAnswering(aPage([], { total: 0 }));
      await model.load();
      assert.deepEqual(model.roots(), [{ kind: 'empty', label: 'No leads yet' }]);
    });

    it('not signed in at all: signed out, without a request', async () => {
      const client = makeClient(agent, ORIGIN);
      client.tokens.signedIn = false;
      model = new LeadsModel({ api: client.api, logger: silentLogger });
      await model.load();
      assert.deepEqual(model.roots(), [{ kind: 'signedOut' }]);
    });

    it('a newer query wins over a slower older one', async () => {
      const pool = agent.get(ORIGIN);
      const reply = (id: string) => JSON.stringify(aPage([aLead({ id })], { limit: 2, total: 1 }));
      pool.intercept({ path: (path) => path.includes('q=old') }).reply(200, reply('L-old')).delay(150);
      pool.intercept({ path: (path) => path.includes('q=new') }).reply(200, reply('L-new'));
      model = new LeadsModel({ api: makeClient(agent, ORIGIN).api, logger: silentLogger });
      const older = model.setQuery({ q: 'old' });
      await model.setQuery({ q: 'new' });
      await older;
      assert.deepEqual(leadIds(model.roots()), ['L-new']);
    });

    describe("a lead's notes and activity, paged", () => {
      const JSON_TYPE = { headers: { 'content-type': 'application/json' } };
      const answer = (path: (path: string) => boolean, status: number, body: unknown) => agent.get(ORIGIN).intercept({ path }).reply(status, JSON.stringify(body), JSON_TYPE);
      const notesAt = (offset: number) => (path: string) => path.startsWith('/v1/leads/L-1/notes?') && path.includes(`offset=${offset}`);

      it('an unreadable note has its own row; a failed next page shows after the loaded notes and load more tries again, also from the section row', async () => {
        answer((path) => path.startsWith('/v1/leads?'), 200, aPage([aLead({ id: 'L-1' })], { limit: 2, total: 1 }));
        answer(notesAt(0), 200, aPage([{ id: 'N-1', body: 'Called back' }, { body: 'no id' }], { limit: 2, total: 3 }));
        answer(notesAt(2), 404, anErrorBody('not_found', 'No such page'));
        answer(notesAt(2), 200, aPage([{ id: 'N-3', body: 'Met at the house' }], { offset: 2, limit: 2, total: 3 }));
        model = new LeadsModel({ api: makeClient(agent, ORIGIN).api, pageSize: 2, logger: silentLogger });
        await model.load();
        const [notes] = await model.children(only(model.roots(), 'lead'));
        const first = await model.children(notes);
        assert.deepEqual(kinds(first), ['note', 'error', 'loadMore']);
        assert.equal(only(first, 'error').reason, 'malformedResponse');

        await model.loadMore(only(first, 'loadMore'));
        const failed = await model.children(notes);
        assert.deepEqual(kinds(failed), ['note', 'error', 'error', 'loadMore']);
        assert.equal((failed[2] as Extract<LeadNode, { kind: 'error' }>).reason, 'notFound');

        await model.loadMore(notes);
        assert.deepEqual(kinds(await model.children(notes)), ['note', 'note', 'error']);
      });

      it('unreadable entries are counted in one row per page, in whole sentences for one and for several', async () => {
        answer((path) => path.startsWith('/v1/leads?'), 200, aPage([aLead({ id: 'L-1' }), aLead({ id: 'L-2' }), { name: 'no id' }, { name: 'no id either' }], { limit: 4, total: 4 }));
        answer(notesAt(0), 200, aPage([{ body: 'no id' }, { body: 'no id either' }], { limit: 2, total: 2 }));
        answer((path) => path.startsWith('/v1/leads/L-1/events?'), 200, aPage([{ summary: 'no id' }, { summary: 'no id either' }, { summary: 'nor this' }], { limit: 3, total: 3 }));
        answer((path) => path.startsWith('/v1/leads/L-2/events?'), 200, aPage([{ summary: 'no id' }], { limit: 1, total: 1 }));
        model = new LeadsModel({ api: makeClient(agent, ORIGIN).api, pageSize: 4, logger: silentLogger });
        await model.load();
        assert.equal(only(model.roots(), 'error').label, '2 of the leads could not be read');
        const [first, second] = model.roots().filter((node) => node.kind === 'lead');
        const [notes, activity] = await model.children(first);
        assert.equal(only(await model.children(notes), 'error').label, '2 of the notes could not be read');
        assert.equal(only(await model.children(activity), 'error').label, '3 of the activity entries could not be read');
        const [, secondActivity] = await model.children(second);
        assert.equal(only(await model.children(secondActivity), 'error').label, '1 of the activity entries could not be read');
      });

      it('a failure the failure table has no row text for (no longer signed in) says what could not be loaded', async () => {
        answer((path) => path.startsWith('/v1/leads?'), 200, aPage([aLead({ id: 'L-1' })], { limit: 2, total: 1 }));
        // Refused before and after the one refresh the client tries.
        answer(notesAt(0), 401, anErrorBody('unauthorized', 'Token expired'));
        answer(notesAt(0), 401, anErrorBody('unauthorized', 'Token expired'));
        model = new LeadsModel({ api: makeClient(agent, ORIGIN).api, pageSize: 2, logger: silentLogger });
        await model.load();
        const [notes] = await model.children(only(model.roots(), 'lead'));
        const failed = only(await model.children(notes), 'error');
        assert.equal(failed.reason, 'notSignedIn');
        assert.equal(failed.label, 'Could not load notes');
      });

      it('an untyped failure (a token store that throws a plain error) shows as unexpected, without its raw text', async () => {
        answer((path) => path.startsWith('/v1/leads?'), 200, aPage([aLead({ id: 'L-1' })], { limit: 2, total: 1 }));
        const { api, tokens } = makeClient(agent, ORIGIN);
        model = new LeadsModel({ api, pageSize: 2, logger: silentLogger });
        await model.load();
        tokens.getAccessToken = async () => {
          throw new Error('keychain daemon said: secret-xyz');
        };
        const [notes] = await model.children(only(model.roots(), 'lead'));
        const failed = only(await model.children(notes), 'error');
        assert.equal(failed.reason, 'malformedResponse');
        assert.equal(failed.label, 'Unexpected answer from the server');
        assert.match(String(failed.detail), /Something unexpected went wrong/);
        assert.doesNotMatch(String(failed.detail), /secret-xyz/);
      });

      it('load more of a section the model no longer knows, or before any load, asks nothing', async () => {
        model = new LeadsModel({ api: makeClient(agent, ORIGIN).api, pageSize: 2, logger: silentLogger });
        const changes: unknown[] = [];
        model.onDidChange((node) => changes.push(node));
        await model.loadMore();
        await model.loadMore({ kind: 'loadMore', parentId: 'notes:L-9', label: 'Load more…' });
        assert.deepEqual(changes, []);
        assert.deepEqual(model.roots(), []);
      });

      it('while the next page loads, its row says so; a search by stage that finds nothing says the search found nothing', async () => {
        answer((path) => path.startsWith('/v1/leads?') && path.includes('offset=0') && !path.includes('stage'), 200, aPage([aLead({ id: 'L-1' }), aLead({ id: 'L-2' })], { limit: 2, total: 3 }));
        agent.get(ORIGIN).intercept({ path: (path) => path.startsWith('/v1/leads?') && path.includes('offset=2') }).reply(200, JSON.stringify(aPage([aLead({ id: 'L-3' })], { offset: 2, limit: 2, total: 3 })), JSON_TYPE).delay(100);
        answer((path) => path.startsWith('/v1/leads?') && path.includes('stage=closed'), 200, aPage([], { total: 0 }));
        model = new LeadsModel({ api: makeClient(agent, ORIGIN).api, pageSize: 2, logger: silentLogger });
        await model.load();
        assert.equal(only(model.roots(), 'loadMore').label, 'Load more…');
        const more = model.loadMore();
        assert.equal(only(model.roots(), 'loadMore').label, 'Loading more…');
        await more;
        assert.deepEqual(leadIds(model.roots()), ['L-1', 'L-2', 'L-3']);
        await model.setQuery({ stage: 'closed' });
        assert.deepEqual(model.roots(), [{ kind: 'empty', label: 'No leads match this search' }]);
      });
    });

    describe('localized through @vscode/l10n', () => {
      /** A bundle that wraps every message it is asked for, so what went through l10n.t shows in the output. */
      const marked = new Proxy({}, { get: (_, message) => (typeof message === 'string' ? `«${message}»` : undefined) });
      /** Only the tests that ask for it translate; the others read English. */
      afterEach(() => l10n.config({ contents: {} }));
      const labels = (nodes: LeadNode[]) => nodes.map((node) => ('label' in node ? node.label : node.kind));
      function ofKind<K extends LeadNode['kind']>(nodes: LeadNode[], kind: K): Array<Extract<LeadNode, { kind: K }>> {
        return nodes.filter((node): node is Extract<LeadNode, { kind: K }> => node.kind === kind);
      }

      function answer(pathStart: string, status: number, body: unknown): void {
        agent.get(ORIGIN).intercept({ path: (path) => path.startsWith(pathStart) }).reply(status, JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      }
      function newModel(translated = false): LeadsModel {
        if (translated) l10n.config({ contents: marked });
        const { api } = makeClient(agent, ORIGIN, { retry: { maxRetries: 0 } });
        model = new LeadsModel({ api, pageSize: 2, logger: silentLogger });
        return model;
      }

      it('structural rows and tooltip prefixes go through l10n.t; lead data does not', async () => {
        const lead = aLead({ id: 'L-1', firstName: 'Ada', lastName: 'Nguyen', emails: [{ value: 'ada@example.com', type: 'work', isPrimary: true }], phones: [], stage: 'new', source: 'Zillow' });
        answer('/v1/leads?', 200, aPage([lead, { name: 'no id' }], { limit: 2, total: 5 }));
        answer('/v1/leads/L-1/notes?', 200, aPage([{ id: 'N-1', leadId: 'L-1', body: 'Call back', createdAt: '2026-09-01T14:03:00Z', authorId: 'agent-7' }, { id: 'N-2', leadId: 'L-1', body: '' }]));
        answer('/v1/leads/L-1/events?', 200, aPage([]));
        newModel(true);

        const loading = model.load();
        assert.deepEqual(labels(model.roots()), ['«Loading leads…»']);
        await loading;
        const roots = model.roots();
        assert.deepEqual(labels(roots), ['Ada Nguyen', '«1 of the leads could not be read»', '«Load more…»']);

        const [leadNode] = ofKind(roots, 'lead');
        assert.equal(leadNode.description, 'new · Zillow');
        assert.deepEqual(leadNode.tooltip.split('\n'), ['Ada Nguyen', '«Email: ««ada@example.com (work)» · primary»»', '«Stage: new»', '«Source: Zillow»']);

        const sections = await model.children(leadNode);
        assert.deepEqual(labels(sections), ['«Notes»', '«Activity»']);
        const notes = await model.children(sections[0]);
        assert.deepEqual(labels(notes), ['Call back', '«(empty note)»']);
        assert.deepEqual(ofKind(notes, 'note')[0].tooltip.split('\n'), ['Call back', '«By agent-7»', '2026-09-01 14:03']);
        assert.deepEqual(labels(await model.children(sections[1])), ['«No activity»']);
      });

      it('an error headline (the failure table\'s row text) goes through l10n.t', async () => {
        answer('/v1/leads?', 500, anErrorBody('internal', 'boom'));
        newModel(true);
        await model.load();
        assert.deepEqual(labels(model.roots()), ['«BoomTown had a problem»']);
      });

      it('placeholders typed into a lead are shown literally, never substituted', async () => {
        const lead = aLead({ id: 'L-1', firstName: '{0}', lastName: '{1}', emails: [{ value: '{0}@example.com', type: '{1}' }], phones: [], stage: 'new', source: '{0}' });
        answer('/v1/leads?', 200, aPage([lead], { limit: 2, total: 1 }));
        newModel();
        await model.load();
        const [leadNode] = ofKind(model.roots(), 'lead');
        assert.equal(leadNode.label, '{0} {1}');
        assert.equal(leadNode.description, 'new · {0}');
        assert.deepEqual(leadNode.tooltip.split('\n'), ['{0} {1}', 'Email: {0}@example.com ({1})', 'Stage: new', 'Source: {0}']);
      });
    });
  });
});
