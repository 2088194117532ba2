import assert from 'node:assert/strict';
import { apiGet, fetchAllPages, signIn } from '../../../sandbox/drivers/testClient';
import { useSandbox } from '../helpers';

describe('sandbox lists', () => {
  const fixture = useSandbox(() => ({ autoApprove: true }));
  let token: string;
  const get = (path: string) => apiGet(fixture.url, path, token);
  beforeEach(async () => {
    token = (await signIn(fixture.url)).accessToken;
  });

  describe('paging', () => {
    it('defaults to limit 25, offset 0, with total', async () => {
      const answer = await get('/v1/leads');
      assert.equal(answer.status, 200);
      assert.equal(answer.json.data.length, 25);
      assert.deepEqual(answer.json._metadata, { offset: 0, limit: 25, total: 60 });
    });

    it('reports the capped limit when more than maxPageLimit (100) is asked', async () => {
      const answer = await get('/v1/leads?limit=1000');
      assert.equal(answer.json._metadata.limit, 100);
      assert.equal(answer.json.data.length, 60);
    });

    it('with maxPageLimit below the requested limit, a walk by the reported limit sees every lead once', async () => {
      fixture.sandbox.setOptions({ maxPageLimit: 7 });
      const first = await get('/v1/leads?limit=25');
      assert.equal(first.json._metadata.limit, 7);
      assert.equal(first.json.data.length, 7);
      const { items, pages } = await fetchAllPages(fixture.url, '/v1/leads', token, 25);
      assert.equal(pages, 9);
      assert.equal(new Set(items.map((lead) => lead.id)).size, 60);
    });

    it('without total (includeTotal: false) the end is a short page', async () => {
      fixture.sandbox.setOptions({ includeTotal: false });
      const answer = await get('/v1/leads?limit=50&offset=50');
      assert.deepEqual(answer.json._metadata, { offset: 50, limit: 50 });
      assert.equal(answer.json.data.length, 10);
      const { items } = await fetchAllPages(fixture.url, '/v1/leads', token, 20);
      assert.equal(items.length, 60);
    });

    it('past the end: an empty page', async () => {
      const answer = await get('/v1/leads?offset=500');
      assert.deepEqual(answer.json, { data: [], _metadata: { offset: 500, limit: 25, total: 60 } });
    });

    it('pages are disjoint and ordered', async () => {
      const all = (await get('/v1/leads?limit=60')).json.data.map((lead: { id: string }) => lead.id);
      const second = (await get('/v1/leads?limit=10&offset=10')).json.data.map((lead: { id: string }) => lead.id);
      assert.deepEqual(second, all.slice(10, 20));
    });

    const badQueries = ['limit=0', 'limit=-1', 'limit=abc', 'limit=1.5', 'limit=', 'offset=-1', 'offset=x', 'limit=5&limit=6', 'stage=bogus', 'sort=firstName', 'sort=', 'q=' + 'x'.repeat(201)];
    for (const query of badQueries) {
      it(`400 bad_request for ${query.slice(0, 30)}`, async () => {
        const answer = await get(`/v1/leads?${query}`);
        assert.equal(answer.status, 400);
        assert.equal(answer.json.error.code, 'bad_request');
      });
    }

    for (const path of ['/v1/agents', '/v1/leads/L-10001/notes', '/v1/leads/L-10001/events']) {
      it(`400 bad_request for a bad limit on ${path}`, async () => {
        assert.equal((await get(`${path}?limit=zero`)).status, 400);
      });
    }
  });

  describe('q, stage, sort', () => {
    const leadsOf = async (query: string) => (await get(`/v1/leads?limit=100&${query}`)).json.data as Array<Record<string, any>>;

    it('q matches first and last name, case-insensitively', async () => {
      const sample = (await leadsOf('')).find((lead) => lead.id === 'L-10001')!;
      const byFirst = await leadsOf(`q=${encodeURIComponent(sample.firstName.toUpperCase())}`);
      assert.ok(byFirst.some((lead) => lead.id === sample.id));
      assert.ok(byFirst.every((lead) => JSON.stringify(lead).toLowerCase().includes(sample.firstName.toLowerCase())));
      const byFull = await leadsOf(`q=${encodeURIComponent(`${sample.firstName} ${sample.lastName}`)}`);
      assert.ok(byFull.every((lead) => lead.firstName === sample.firstName && lead.lastName === sample.lastName));
    });

    it('q matches email addresses and phone numbers written differently', async () => {
      const all = await leadsOf('');
      const withEmail = all.find((lead) => Array.isArray(lead.emails) && lead.emails.length && lead.id !== 'L-10004')!;
      const email = withEmail.emails[0].value as string;
      assert.ok((await leadsOf(`q=${encodeURIComponent(email)}`)).some((lead) => lead.id === withEmail.id));
      const withPhone = all.find((lead) => Array.isArray(lead.phones) && lead.phones.length && typeof lead.phones[0].value === 'string')!;
      const digits = (withPhone.phones[0].value as string).replace(/\D/g, '').slice(1); // 8435550123
      const dashed = `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
      const found = await leadsOf(`q=${encodeURIComponent(dashed)}`);
      assert.ok(found.some((lead) => lead.id === withPhone.id));
    });

    it('q with no match: an empty page with total 0', async () => {
      const answer = await get('/v1/leads?q=zzzz-no-such-lead');
      assert.deepEqual(answer.json, { data: [], _metadata: { offset: 0, limit: 25, total: 0 } });
    });

    it('stage filters, and total counts the filtered leads', async () => {
      const answer = await get('/v1/leads?stage=nurture&limit=100');
      assert.ok(answer.json.data.length > 0);
      assert.ok(answer.json.data.every((lead: { stage: string }) => lead.stage === 'nurture'));
      assert.equal(answer.json._metadata.total, answer.json.data.length);
    });

    it('sort=-lastActivityAt (the default) and -createdAt: newest first, missing values last', async () => {
      for (const [query, field] of [['', 'lastActivityAt'], ['sort=-lastActivityAt', 'lastActivityAt'], ['sort=-createdAt', 'createdAt']] as const) {
        const values = (await leadsOf(query)).map((lead) => (typeof lead[field] === 'string' ? lead[field] : ''));
        const present = values.filter(Boolean);
        assert.deepEqual(present, [...present].sort().reverse(), query);
        assert.deepEqual(values.slice(present.length), values.filter((value) => !value), `${query}: missing last`);
      }
    });

    it('sort=lastName: alphabetical, leads without a last name last', async () => {
      const names = (await leadsOf('sort=lastName')).map((lead) => (typeof lead.lastName === 'string' ? lead.lastName : ''));
      const present = names.filter(Boolean);
      const collator = new Intl.Collator('en', { sensitivity: 'base' });
      for (let index = 1; index < present.length; index++) assert.ok(collator.compare(present[index - 1], present[index]) <= 0, `${present[index - 1]} > ${present[index]}`);
      assert.ok(names.slice(present.length).every((name) => name === ''));
    });

    it('q, stage and sort combine', async () => {
      const answer = await leadsOf('stage=new&sort=lastName&q=a');
      assert.ok(answer.every((lead) => lead.stage === 'new'));
    });
  });

  describe('notes, events, agents', () => {
    it('agents: 12, paged like the leads', async () => {
      const first = await get('/v1/agents?limit=5');
      assert.deepEqual(first.json._metadata, { offset: 0, limit: 5, total: 12 });
      assert.deepEqual(Object.keys(first.json.data[0]).sort(), ['email', 'firstName', 'id', 'lastName']);
      const { items } = await fetchAllPages(fixture.url, '/v1/agents', token, 5);
      assert.equal(new Set(items.map((agent) => agent.id)).size, 12);
    });

    it('events: the contract shape, newest first, a registered event first of all', async () => {
      const { items } = await fetchAllPages(fixture.url, '/v1/leads/L-10001/events', token, 3);
      assert.ok(items.length >= 1);
      for (const event of items) {
        assert.deepEqual(Object.keys(event).sort(), ['details', 'id', 'leadId', 'occurredAt', 'type']);
        assert.equal(event.leadId, 'L-10001');
        assert.ok(['registered', 'viewed_property', 'saved_search', 'favorited', 'email_opened', 'called'].includes(event.type));
      }
      const times = items.map((event) => event.occurredAt);
      assert.deepEqual(times, [...times].sort().reverse());
      assert.equal(items[items.length - 1].type, 'registered');
    });

    it('notes: the contract shape, paged to the end', async () => {
      // L-10004 (hostile markup) always has at least its hostile note.
      const { items } = await fetchAllPages(fixture.url, '/v1/leads/L-10004/notes', token, 1);
      assert.ok(items.length >= 1);
      for (const note of items) assert.deepEqual(Object.keys(note).sort(), ['authorId', 'body', 'createdAt', 'id', 'leadId']);
      assert.equal(new Set(items.map((note) => note.id)).size, items.length);
    });
  });
});
