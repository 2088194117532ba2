import type { Page } from '../api/apiTypes';

/**
 * A list that grows a page at a time: what is loaded, where the next page starts, whether one is
 * being fetched, and the last error. One fetch at a time: asking again while one runs joins it.
 */
export class PagedList<T extends { id: string }> {
  private readonly byId = new Map<string, T>();
  private inflight: Promise<void> | undefined;
  malformed = 0;
  nextOffset = 0;
  hasMore = false;
  /** True once the first page arrived. */
  loaded = false;
  /** The failure of the last fetch, cleared when the next one starts. */
  error: unknown;

  constructor(private readonly fetchPage: (offset: number) => Promise<Page<T>>) {}

  get items(): T[] {
    return [...this.byId.values()];
  }

  get isLoading(): boolean {
    return this.inflight !== undefined;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Fetches the next page (the first one when nothing is loaded). Never throws: see `error`. */
  loadNext(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.loaded && !this.hasMore) return Promise.resolve();
    this.error = undefined;
    this.inflight = this.fetchPage(this.nextOffset)
      .then(
        (page) => this.append(page),
        (error: unknown) => {
          this.error = error;
        },
      )
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private append(page: Page<T>): void {
    // Data shifting between pages can repeat an item; tree ids must stay unique, so it shows once.
    for (const item of page.items) if (!this.byId.has(item.id)) this.byId.set(item.id, item);
    this.malformed += page.malformed.length;
    this.nextOffset = page.nextOffset;
    this.hasMore = page.hasMore;
    this.loaded = true;
  }
}
