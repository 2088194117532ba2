import type { ExchangeRecord, SentRequest } from '../../../../src/core/explorer/exchangeRecord';

export function aRequest(overrides: Partial<SentRequest> = {}): SentRequest {
  return { method: 'GET', url: 'https://api.example.test/v1/leads?limit=2', headers: [], ownAuthorization: false, ...overrides };
}

export function anExchange(overrides: { request?: Partial<SentRequest>; response?: Partial<ExchangeRecord['response']>; id?: string; at?: number } = {}): ExchangeRecord {
  const bodyText = overrides.response?.bodyText ?? '{"data":[{"id":"L-1"},{"id":"L-2"}],"_metadata":{"offset":0,"limit":2,"total":5}}';
  return {
    id: overrides.id ?? 'x-1',
    at: overrides.at ?? Date.UTC(2026, 10, 1, 12),
    request: aRequest(overrides.request),
    response: { status: 200, durationMs: 12, attempts: 1, headers: { 'content-type': 'application/json' }, bodyText, bytes: Buffer.byteLength(bodyText), ...overrides.response },
  };
}

/** A page of the contract's lists. */
export function aPage(offset: number, limit: number, count: number, total?: number): string {
  const data = Array.from({ length: count }, (_, i) => ({ id: `L-${offset + i}` }));
  return JSON.stringify({ data, _metadata: { offset, limit, ...(total === undefined ? {} : { total }) } });
}
