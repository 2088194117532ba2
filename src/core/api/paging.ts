import { BoomTownError } from '../shared/errors';
import { isJsonObject, parseItems, type ItemResult } from './parse';
import type { Page } from './apiTypes';

export const DEFAULT_PAGE_LIMIT = 25;

/**
 * Turns a list response `{"data": [...], "_metadata": {offset, limit, total?}}` into a Page.
 * The server's reported limit wins over the one asked for (servers cap it), and without `total`
 * the end is the first page shorter than that limit.
 */
export function toPage<T>(body: unknown, asked: { offset: number; limit: number }, parseItem: (source: unknown) => ItemResult<T>): Page<T> {
  if (!isJsonObject(body) || !Array.isArray(body.data)) {
    throw new BoomTownError('malformedResponse', 'The server answered with something that is not a list page (no "data" array).');
  }
  const metadata = isJsonObject(body._metadata) ? body._metadata : {};
  const offset = nonNegativeInteger(metadata.offset) ?? asked.offset;
  const limit = positiveInteger(metadata.limit) ?? asked.limit;
  const total = nonNegativeInteger(metadata.total);
  const received = body.data.length;
  const { items, malformed } = parseItems(body.data, parseItem);
  const hasMore = received > 0 && (total !== undefined ? offset + received < total : received >= limit);
  return { items, malformed, offset, limit, total, received, hasMore, nextOffset: offset + received };
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Walks pages from offset 0 until the server says there are no more. */
export async function* pages<T>(fetchPage: (offset: number) => Promise<Page<T>>, startOffset = 0): AsyncGenerator<Page<T>, void, undefined> {
  let offset = startOffset;
  for (;;) {
    const page = await fetchPage(offset);
    yield page;
    // nextOffset > offset guards against a server that never advances.
    if (!page.hasMore || page.nextOffset <= offset) return;
    offset = page.nextOffset;
  }
}
