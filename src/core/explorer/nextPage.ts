import type { ExchangeRecord, SentRequest } from './exchangeRecord';

/**
 * The offset of the page after this answer, when the answer is a page of the contract's lists
 * (`{"data": [...], "_metadata": {"offset", "limit", "total"?}}`) and more is left. The step is
 * the `limit` the server reports, which may be lower than the one asked for.
 */
export function nextPageOffset(record: ExchangeRecord): number | undefined {
  const { request, response } = record;
  if (request.method !== 'GET' || response.status < 200 || response.status >= 300 || response.cutAt !== undefined) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch {
    return undefined;
  }
  if (!isObject(body) || !isObject(body._metadata) || !Array.isArray(body.data)) return undefined;
  const { offset, limit, total } = body._metadata;
  if (!isCount(offset) || !isCount(limit) || limit === 0) return undefined;
  const more = isCount(total) ? offset + body.data.length < total : body.data.length >= limit;
  return more && body.data.length > 0 ? offset + limit : undefined;
}

/** The same request asking for another offset. */
export function withOffset(request: SentRequest, offset: number): SentRequest {
  const url = new URL(request.url);
  url.searchParams.set('offset', String(offset));
  return { ...request, url: url.toString() };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
