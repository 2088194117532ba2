import assert from 'node:assert/strict';
import { Dataset } from '../../../sandbox/data/dataset';
import { HOSTILE_LEAD_IDS, LONG_TEXT_LENGTH } from '../../../sandbox/index';
import { apiGet, signIn } from '../../../sandbox/drivers/testClient';
import { useSandbox } from '../helpers';

const generate = (overrides: Partial<{ leads: number; seed: number; users: number }> = {}) => Dataset.generate({ leads: 200, seed: 1, users: 3, ...overrides });
const snapshot = (dataset: Dataset) =>
  JSON.stringify({
    leads: dataset.leads.map((lead) => lead.json),
    notes: dataset.leads.slice(0, 20).map((lead) => dataset.notes(lead)),
    events: dataset.leads.slice(0, 20).map((lead) => dataset.events(lead)),
    agents: dataset.agents,
    users: dataset.users,
  });

describe('sandbox data', () => {
  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    assert.equal(snapshot(generate()), snapshot(generate()));
    assert.notEqual(snapshot(generate({ seed: 2 })), snapshot(generate()));
  });

  it('the hostile leads keep their ids whatever the seed', () => {
    for (const seed of [1, 99]) assert.equal(generate({ seed }).findLead(HOSTILE_LEAD_IDS.wrongTypes)?.json.emails, 'not-an-array');
  });

  // How fast is a benchmark figure (npm run bench -- leads), not a timed assert.
  it('generates 10,000 leads, each with its own id', () => {
    const dataset = generate({ leads: 10_000 });
    assert.equal(dataset.leads.length, 10_000);
    assert.equal(new Set(dataset.leads.map((lead) => lead.json.id)).size, 10_000);
  });

  it('ordinary leads have the contract shape', () => {
    const ordinary = generate().leads[0].json;
    for (const key of ['id', 'firstName', 'lastName', 'emails', 'phones', 'stage', 'leadType', 'source', 'sourceUrl', 'assignedAgentId', 'tags', 'address', 'searchCriteria', 'createdAt', 'updatedAt', 'lastActivityAt']) {
      assert.ok(key in ordinary, key);
    }
    assert.match(String(ordinary.createdAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('looks varied: leads with no phone, with several, with no email, with unknown extra fields', () => {
    const leads = generate().leads.map((lead) => lead.json);
    const phoneCounts = leads.map((lead) => (Array.isArray(lead.phones) ? lead.phones.length : -1));
    assert.ok(phoneCounts.includes(0));
    assert.ok(phoneCounts.some((count) => count >= 2));
    assert.ok(leads.some((lead) => Array.isArray(lead.emails) && lead.emails.length === 0));
    assert.ok(leads.some((lead) => 'customFields' in lead));
    assert.ok(new Set(leads.map((lead) => lead.stage)).size >= 7);
    assert.ok(leads.some((lead) => lead.assignedAgentId === null));
  });

  it('users: user 3 has no email; more users can be seeded', () => {
    assert.equal(generate().users[2].email, null);
    const many = generate({ users: 6 }).users;
    assert.equal(many.length, 6);
    assert.equal(new Set(many.map((user) => user.id)).size, 6);
  });
});

describe('sandbox hostile leads over HTTP', () => {
  const fixture = useSandbox(() => ({ autoApprove: true }));
  const lead = async (id: string) => {
    const session = await signIn(fixture.url);
    const answer = await apiGet(fixture.url, `/v1/leads/${id}`, session.accessToken);
    assert.equal(answer.status, 200);
    return { json: answer.json as Record<string, any>, text: answer.text };
  };

  it('markup: <script>, <img onerror>, markdown command links', async () => {
    const { json } = await lead(HOSTILE_LEAD_IDS.markup);
    assert.match(json.lastName, /<script>/);
    assert.match(json.source, /<img src=x onerror=/);
    assert.ok(json.tags.some((tag: string) => tag.includes('command:')));
  });

  it('right-to-left text and the U+202E override', async () => {
    const { json } = await lead(HOSTILE_LEAD_IDS.rightToLeft);
    assert.match(json.firstName, /[\u0600-\u06FF]/);
    assert.match(json.lastName, /[\u0590-\u05FF]/);
    assert.ok(json.source.includes('\u202E'));
  });

  it('emoji with ZWJ sequences', async () => {
    const { json } = await lead(HOSTILE_LEAD_IDS.emoji);
    assert.ok(json.firstName.includes('\u200D'));
  });

  it('control characters, escaped in valid JSON', async () => {
    const { json, text } = await lead(HOSTILE_LEAD_IDS.controlCharacters);
    assert.ok(json.firstName.includes('\u0000'));
    assert.ok(json.lastName.includes('\u0007'));
    assert.ok(json.lastName.includes('\u001b[31m'));
    assert.ok(!/[\u0000-\u001f]/.test(text), 'raw control characters on the wire');
  });

  it(`a ${LONG_TEXT_LENGTH}-character string`, async () => {
    assert.equal((await lead(HOSTILE_LEAD_IDS.longText)).json.lastName.length, 10_000);
  });

  it('null fields, and missing optional fields', async () => {
    const nulls = (await lead(HOSTILE_LEAD_IDS.nullFields)).json;
    for (const key of ['lastName', 'emails', 'phones', 'address', 'tags', 'stage']) assert.equal(nulls[key], null, key);
    const missing = (await lead(HOSTILE_LEAD_IDS.missingFields)).json;
    assert.deepEqual(Object.keys(missing).sort(), ['createdAt', 'id']);
  });

  it('wrong types in one lead, while its neighbours are fine', async () => {
    const { json } = await lead(HOSTILE_LEAD_IDS.wrongTypes);
    assert.equal(json.emails, 'not-an-array');
    assert.equal(typeof json.phones[0].value, 'number');
    assert.equal(json.tags, 'vip');
    const neighbour = (await lead('L-10049')).json;
    assert.ok(Array.isArray(neighbour.emails));
  });

  it('the hostile leads appear in the lists and search does not trip on them', async () => {
    const session = await signIn(fixture.url);
    const all = await apiGet(fixture.url, '/v1/leads?limit=100', session.accessToken);
    const ids = all.json.data.map((item: { id: string }) => item.id);
    for (const id of Object.values(HOSTILE_LEAD_IDS)) assert.ok(ids.includes(id), id);
    for (const q of ['script', 'مريم', '👩', '555', 'not-an-array']) {
      assert.equal((await apiGet(fixture.url, `/v1/leads?q=${encodeURIComponent(q)}`, session.accessToken)).status, 200, q);
    }
    const found = await apiGet(fixture.url, `/v1/leads?q=${encodeURIComponent('<script>')}`, session.accessToken);
    assert.ok(found.json.data.some((item: { id: string }) => item.id === HOSTILE_LEAD_IDS.markup));
  });

  it('their notes are hostile too', async () => {
    const session = await signIn(fixture.url);
    const notes = await apiGet(fixture.url, `/v1/leads/${HOSTILE_LEAD_IDS.markup}/notes?limit=100`, session.accessToken);
    assert.ok(notes.json.data.some((note: { body: string }) => note.body.includes('<script>')));
  });
});
