import assert from 'node:assert/strict';
import { MockAgent } from 'undici';
import { silentLogger } from '../../../src/core/logger';
import { LeadsModel, type LeadNode } from '../../../src/core/leads/leadsModel';
import { english, type Localize } from '../../../src/core/localize';
import { aLead, anErrorBody, aPage } from '../api/helpers/builders';
import { makeClient } from '../api/helpers/clients';

const ORIGIN = 'https://api.example.test';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

/** Marks every localized message, so a test can tell what went through the localizer from raw lead data. */
const marked: Localize = (message, ...args) => `«${english(message, ...args)}»`;

function ofKind<K extends LeadNode['kind']>(nodes: LeadNode[], kind: K): Array<Extract<LeadNode, { kind: K }>> {
  return nodes.filter((node): node is Extract<LeadNode, { kind: K }> => node.kind === kind);
}
const labels = (nodes: LeadNode[]) => nodes.map((node) => ('label' in node ? node.label : node.kind));

describe('LeadsModel localization', () => {
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

  function answer(pathStart: string, status: number, body: unknown): void {
    agent.get(ORIGIN).intercept({ path: (path) => path.startsWith(pathStart) }).reply(status, JSON.stringify(body), JSON_HEADERS);
  }
  function newModel(localize?: Localize): LeadsModel {
    const { api } = makeClient(agent, ORIGIN, { retry: { maxRetries: 0 } });
    model = new LeadsModel({ api, pageSize: 2, logger: silentLogger, ...(localize ? { localize } : {}) });
    return model;
  }

  it('structural rows and tooltip prefixes go through the injected localizer; lead data does not', async () => {
    const lead = aLead({ id: 'L-1', firstName: 'Ada', lastName: 'Nguyen', emails: [{ value: 'ada@example.com', type: 'work', isPrimary: true }], phones: [], stage: 'new', source: 'Zillow' });
    answer('/v1/leads?', 200, aPage([lead, { name: 'no id' }], { limit: 2, total: 5 }));
    answer('/v1/leads/L-1/notes?', 200, aPage([{ id: 'N-1', leadId: 'L-1', body: 'Call back', createdAt: '2026-09-01T14:03:00Z', authorId: 'agent-7' }, { id: 'N-2', leadId: 'L-1', body: '' }]));
    answer('/v1/leads/L-1/events?', 200, aPage([]));
    newModel(marked);

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

  it('an error headline goes through the injected localizer', async () => {
    answer('/v1/leads?', 500, anErrorBody('internal', 'boom'));
    newModel(marked);
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
