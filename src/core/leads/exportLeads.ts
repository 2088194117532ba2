import { BoomTownError, isBoomTownError } from '../shared/errors';
import type { BoomTownApi } from '../api/boomtownApi';
import type { RequestOptions, WaitInfo } from '../api/httpClient';
import { pages } from '../api/paging';
import type { Lead, LeadQuery, Page } from '../api/apiTypes';

interface ExportOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** The page size asked for (default 100); the server's reported limit is what gets used. */
  pageSize?: number;
  onProgress?: (count: number, total?: number) => void;
  onWait?: (info: WaitInfo) => void;
  cancellation?: AbortSignal;
}

interface ExportResult {
  /** In the server's order, each lead once. */
  leads: Lead[];
  /** Entries that could not be read at all (left out). Partial leads are included. */
  malformed: number;
  total?: number;
}

const DEFAULT_EXPORT_CONCURRENCY = 4;
const DEFAULT_EXPORT_PAGE_SIZE = 100;

/**
 * Fetches every lead matching `query`. The first page says how big pages are and, when the server
 * reports `total`, exactly which offsets remain: those are fetched by at most `concurrency` workers,
 * and never past `total`. All requests share one HttpClient, so a 429 pauses every worker.
 *
 * Without `total` the pages are walked one by one until a short page: probing ahead in parallel
 * would send requests beyond the end (wasting rate limit) and make "where is the end" racy.
 *
 * `total` is a hint, never the stop rule: the first empty or short page ends the export whatever
 * `total` says (a server reporting 1,000,000 for 10 leads must not cost thousands of requests).
 */
export async function exportLeads(api: Pick<BoomTownApi, 'listLeads'>, query: LeadQuery, options: ExportOptions = {}): Promise<ExportResult> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_EXPORT_CONCURRENCY));
  const pageSize = options.pageSize ?? DEFAULT_EXPORT_PAGE_SIZE;
  // One stop signal for all workers: the caller cancelling, or one worker failing, ends them all.
  const stop = new AbortController();
  const caller = options.cancellation;
  const onCallerAbort = () => stop.abort();
  if (caller?.aborted) stop.abort();
  caller?.addEventListener('abort', onCallerAbort, { once: true });
  const requestOptions: RequestOptions = { cancellation: stop.signal, onWait: options.onWait };
  const fetchPage = async (offset: number, limit: number) => (await api.listLeads({ ...query, limit, offset }, requestOptions)).data;

  const progress = new Progress(options.onProgress);
  try {
    const first = await fetchPage(0, pageSize);
    progress.add(first, first.total);
    let collected: Array<Page<Lead>>;
    if (!first.hasMore || isShort(first)) {
      collected = [first];
    } else if (first.total !== undefined) {
      const rest = await fetchRemainingInParallel(first, concurrency, stop, fetchPage, progress);
      collected = [first, ...rest];
    } else {
      collected = [first];
      for await (const page of pages((offset) => fetchPage(offset, first.limit), first.nextOffset)) {
        progress.add(page, undefined);
        collected.push(page);
      }
    }
    return assemble(collected);
  } catch (error) {
    if (caller?.aborted && !isBoomTownError(error, 'cancelled')) throw new BoomTownError('cancelled', 'Cancelled.', { cause: error });
    throw error;
  } finally {
    caller?.removeEventListener('abort', onCallerAbort);
  }
}

async function fetchRemainingInParallel(
  first: Page<Lead>,
  concurrency: number,
  stop: AbortController,
  fetchPage: (offset: number, limit: number) => Promise<Page<Lead>>,
  progress: Progress,
): Promise<Array<Page<Lead>>> {
  const total = first.total!;
  const limit = first.limit;
  // Offsets are handed out lazily: a server reporting an absurd total costs requests, not memory up front.
  const results: Array<Page<Lead>> = [];
  let nextIndex = 0;
  const offsetOf = (index: number) => first.nextOffset + index * limit;
  let firstFailure: unknown;
  /** The index of the first empty or short page seen: the end, whatever `total` claims. */
  let endIndex = Number.POSITIVE_INFINITY;

  const worker = async () => {
    while (offsetOf(nextIndex) < total && nextIndex <= endIndex && !stop.signal.aborted) {
      const index = nextIndex++;
      try {
        const page = await fetchPage(offsetOf(index), limit);
        if (index > endIndex) return; // fetched past the end before the end was known
        results[index] = page;
        if (isShort(page)) endIndex = Math.min(endIndex, index);
        progress.add(page, total);
      } catch (error) {
        // Keep the error that caused the stop, not the 'cancelled' of the workers stopped after it.
        if (firstFailure === undefined) firstFailure = error;
        stop.abort();
        return;
      }
    }
  };
  const pagesLeft = Math.ceil((total - first.nextOffset) / limit);
  await Promise.all(Array.from({ length: Math.min(concurrency, pagesLeft) }, worker));
  if (firstFailure !== undefined) throw firstFailure;
  if (stop.signal.aborted) throw new BoomTownError('cancelled', 'Cancelled.');
  return results.slice(0, endIndex + 1).filter((page) => page !== undefined);
}

/** A page with fewer entries than the page size (none at all included): nothing follows it. */
function isShort(page: Page<Lead>): boolean {
  return page.received < page.limit;
}

class Progress {
  private count = 0;
  constructor(private readonly report: ExportOptions['onProgress']) {}

  add(page: Page<Lead>, total: number | undefined): void {
    this.count += page.items.length;
    this.report?.(this.count, total);
  }
}

/** Pages in order; a lead that moved between pages while exporting appears once. */
function assemble(collected: Array<Page<Lead>>): ExportResult {
  const seen = new Set<string>();
  const leads: Lead[] = [];
  let malformed = 0;
  for (const page of collected) {
    malformed += page.malformed.length;
    for (const lead of page.items) {
      if (seen.has(lead.id)) continue;
      seen.add(lead.id);
      leads.push(lead);
    }
  }
  return { leads, malformed, total: collected[0]?.total };
}
