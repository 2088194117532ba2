/** Query parameters of the list calls (paging, and q/stage/sort for leads), and the page envelope. */
import { LEAD_SORTS, type LeadFilter, type LeadSort } from '../data/dataset';
import { STAGES } from '../data/words';

export const DEFAULT_PAGE_LIMIT = 25;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface Paging {
  offset: number;
  /** The limit actually applied (the request's, capped at the server maximum): the one the response reports. */
  limit: number;
}

const WHOLE_NUMBER = /^\d{1,15}$/;

export function parsePaging(query: URLSearchParams, maxPageLimit: number): Parsed<Paging> {
  const repeated = ['limit', 'offset'].filter((name) => query.getAll(name).length > 1);
  if (repeated.length) return { ok: false, message: `${repeated.join(', ')} given more than once` };
  const rawLimit = query.get('limit');
  const rawOffset = query.get('offset');
  if (rawLimit !== null && (!WHOLE_NUMBER.test(rawLimit) || Number(rawLimit) < 1)) return { ok: false, message: 'limit must be a whole number >= 1' };
  if (rawOffset !== null && !WHOLE_NUMBER.test(rawOffset)) return { ok: false, message: 'offset must be a whole number >= 0' };
  const limit = Math.min(rawLimit === null ? DEFAULT_PAGE_LIMIT : Number(rawLimit), maxPageLimit);
  return { ok: true, value: { offset: rawOffset === null ? 0 : Number(rawOffset), limit } };
}

export function parseLeadFilter(query: URLSearchParams): Parsed<LeadFilter> {
  const repeated = ['q', 'stage', 'sort'].filter((name) => query.getAll(name).length > 1);
  if (repeated.length) return { ok: false, message: `${repeated.join(', ')} given more than once` };
  const q = query.get('q');
  const stage = query.get('stage');
  const sort = query.get('sort') ?? '-lastActivityAt';
  if (q !== null && q.length > 200) return { ok: false, message: 'q must be at most 200 characters' };
  if (stage !== null && !(STAGES as readonly string[]).includes(stage)) return { ok: false, message: `stage must be one of ${STAGES.join(', ')}` };
  if (!(LEAD_SORTS as readonly string[]).includes(sort)) return { ok: false, message: `sort must be one of ${LEAD_SORTS.join(', ')}` };
  return { ok: true, value: { ...(q !== null ? { q } : {}), ...(stage !== null ? { stage } : {}), sort: sort as LeadSort } };
}

export interface Page<T> {
  data: T[];
  _metadata: { offset: number; limit: number; total?: number };
}

export function page<T>(items: readonly T[], paging: Paging, includeTotal: boolean): Page<T> {
  return {
    data: items.slice(paging.offset, paging.offset + paging.limit),
    _metadata: { offset: paging.offset, limit: paging.limit, ...(includeTotal ? { total: items.length } : {}) },
  };
}
