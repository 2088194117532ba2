import assert from 'node:assert/strict';
import { pages, toPage } from '../../../src/core/api/paging';
import { parseLead } from '../../../src/core/api/parse';
import type { Page } from '../../../src/core/api/apiTypes';
import { isBoomTownError } from '../../../src/core/shared/errors';
import { numberedLeads } from './helpers/builders';

describe('paging', () => {
  describe('toPage', () => {
    const cases: Array<{ name: string; count: number; metadata: unknown; asked: { offset: number; limit: number }; expect: Partial<Page<unknown>> }> = [
      {
        name: 'the server caps the limit: its reported limit is used',
        count: 100,
        metadata: { offset: 0, limit: 100, total: 250 },
        asked: { offset: 0, limit: 500 },
        expect: { limit: 100, hasMore: true, nextOffset: 100, total: 250 },
      },
      { name: 'last page with total', count: 50, metadata: { offset: 200, limit: 100, total: 250 }, asked: { offset: 200, limit: 100 }, expect: { hasMore: false, nextOffset: 250 } },
      { name: 'no total, full page: maybe more', count: 10, metadata: { offset: 0, limit: 10 }, asked: { offset: 0, limit: 25 }, expect: { hasMore: true, total: undefined } },
      { name: 'no total, short page: the end', count: 9, metadata: { offset: 10, limit: 10 }, asked: { offset: 10, limit: 25 }, expect: { hasMore: false, nextOffset: 19 } },
      { name: 'no metadata at all: the asked values stand', count: 25, metadata: undefined, asked: { offset: 25, limit: 25 }, expect: { offset: 25, limit: 25, hasMore: true, nextOffset: 50 } },
      { name: 'metadata of the wrong types is ignored', count: 3, metadata: { offset: 'x', limit: -1, total: '9' }, asked: { offset: 0, limit: 25 }, expect: { limit: 25, total: undefined, hasMore: false } },
      { name: 'an empty page ends paging even if total says more', count: 0, metadata: { offset: 50, limit: 25, total: 999 }, asked: { offset: 50, limit: 25 }, expect: { hasMore: false } },
    ];
    for (const { name, count, metadata, asked, expect } of cases) {
      it(name, () => {
        const page = toPage({ data: numberedLeads(count), _metadata: metadata }, asked, parseLead);
        assert.equal(page.items.length, count);
        for (const [key, value] of Object.entries(expect)) assert.deepEqual(page[key as keyof Page<unknown>], value, key);
      });
    }

    it('counts unreadable entries for the next offset', () => {
      const page = toPage({ data: [...numberedLeads(2), 'junk'], _metadata: { offset: 0, limit: 3 } }, { offset: 0, limit: 3 }, parseLead);
      assert.equal(page.items.length, 2);
      assert.equal(page.malformed.length, 1);
      assert.equal(page.nextOffset, 3);
      assert.equal(page.hasMore, true);
    });

    for (const body of [null, [], { data: 'x' }, { items: [] }]) {
      it(`refuses a body that is not a page: ${JSON.stringify(body)}`, () => {
        assert.throws(() => toPage(body, { offset: 0, limit: 25 }, parseLead), (error) => isBoomTownError(error, 'malformedResponse'));
      });
    }
  });

  describe('pages()', () => {
    /** A server of `count` items capping pages at `cap`, optionally without total. */
    function source(count: number, cap: number, includeTotal: boolean) {
      const offsets: number[] = [];
      const fetchPage = async (offset: number) => {
        offsets.push(offset);
        const data = numberedLeads(Math.max(0, Math.min(cap, count - offset)), offset + 1);
        return toPage({ data, _metadata: { offset, limit: cap, ...(includeTotal ? { total: count } : {}) } }, { offset, limit: 100 }, parseLead);
      };
      return { offsets, fetchPage };
    }

    async function collect(fetchPage: (offset: number) => Promise<Page<{ id: string }>>) {
      const ids: string[] = [];
      for await (const page of pages(fetchPage)) ids.push(...page.items.map((item) => item.id));
      return ids;
    }

    it('walks every page using the reported limit, with total', async () => {
      const { offsets, fetchPage } = source(23, 10, true);
      const ids = await collect(fetchPage);
      assert.equal(ids.length, 23);
      assert.equal(ids[22], 'L-23');
      assert.deepEqual(offsets, [0, 10, 20]);
    });

    it('without total, stops at the first short page', async () => {
      const { offsets, fetchPage } = source(23, 10, false);
      assert.equal((await collect(fetchPage)).length, 23);
      assert.deepEqual(offsets, [0, 10, 20]);
    });

    it('without total and an exact multiple, needs one empty page to know the end', async () => {
      const { offsets, fetchPage } = source(20, 10, false);
      assert.equal((await collect(fetchPage)).length, 20);
      assert.deepEqual(offsets, [0, 10, 20]);
    });
  });
});
