import * as l10n from '@vscode/l10n';
import type { BoomTownApi } from '../api/boomtownApi';
import type { Lead, LeadEvent, LeadQuery, Note } from '../api/apiTypes';
import { isBoomTownError } from '../shared/errors';
import { Emitter, type Disposable, type Event } from '../shared/events';
import type { Logger } from '../shared/logger';
import { errorNode, malformedNode } from './errorNodes';
import { eventLabel, eventTooltip, leadDescription, leadLabel, leadTooltip, noteLabel, noteTooltip, shortDate, stageIcon } from './leadDisplay';
import type { LeadNode, SectionNode } from './nodes';
import { PagedList } from './pagedList';

export type { LeadNode } from './nodes';

interface LeadsModelDeps {
  api: BoomTownApi;
  pageSize?: number;
  logger: Logger;
}

type Phase = 'idle' | 'signedOut' | 'active';
type SectionEntry = { node: SectionNode; list: PagedList<Note> | PagedList<LeadEvent> };

const DEFAULT_PAGE_SIZE = 25;

/**
 * The leads view as plain data: which rows exist right now, loaded a page at a time, with lead
 * children (notes, activity) fetched only when expanded. Knows nothing of vscode; the tree
 * provider maps nodes to TreeItems and forwards onDidChange.
 *
 * Node objects are kept and handed out again (same identity), so firing onDidChange with a section
 * node refreshes exactly the row VS Code knows.
 */
export class LeadsModel implements Disposable {
  private readonly changes = new Emitter<LeadNode | undefined>();
  readonly onDidChange: Event<LeadNode | undefined> = this.changes.event;

  private phase: Phase = 'idle';
  private currentQuery: LeadQuery = {};
  private leads: PagedList<Lead> | undefined;
  private readonly leadNodes = new Map<string, Extract<LeadNode, { kind: 'lead' }>>();
  private sections = new Map<string, SectionEntry>();
  /** Cancels the requests of a load that a newer load, or signing out, replaced. */
  private generation = new AbortController();
  private readonly pageSize: number;

  constructor(private readonly deps: LeadsModelDeps) {
    this.pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  get query(): LeadQuery {
    return { ...this.currentQuery };
  }

  /** A new search/filter/sort: starts over from the first page. */
  setQuery(query: LeadQuery): Promise<void> {
    this.currentQuery = { ...query };
    return this.load();
  }

  roots(): LeadNode[] {
    if (this.phase === 'idle') return [];
    if (this.phase === 'signedOut' || !this.leads) return [{ kind: 'signedOut' }];
    const list = this.leads;
    if (!list.loaded) {
      return list.error !== undefined ? [errorNode(list.error, 'leads')] : [{ kind: 'loading', label: l10n.t('Loading leads…') }];
    }
    const nodes: LeadNode[] = list.items.map((lead) => this.leadNode(lead));
    if (list.malformed > 0) nodes.push(malformedNode(list.malformed, 'leads'));
    if (nodes.length === 0) nodes.push({ kind: 'empty', label: hasFilter(this.currentQuery) ? l10n.t('No leads match this search') : l10n.t('No leads yet') });
    if (list.error !== undefined) nodes.push(errorNode(list.error, 'more leads'));
    if (list.hasMore) nodes.push(this.loadMoreNode(list));
    return nodes;
  }

  async children(node: LeadNode): Promise<LeadNode[]> {
    if (node.kind === 'lead') return [this.section(node.id, 'notes').node, this.section(node.id, 'events').node];
    if (node.kind !== 'section') return [];
    const entry = this.sections.get(node.id) ?? this.section(node.leadId, node.section);
    // Lazy: the first expansion fetches (or joins the fetch under way); a failed first fetch is tried again on the next expansion.
    if (!entry.list.loaded || entry.list.isLoading) {
      const generation = this.generation;
      await entry.list.loadNext();
      this.afterFetch(entry.list, generation, 'notes or activity');
    }
    return this.sectionChildren(entry);
  }

  /**
   * The view has become visible. An untouched model fills itself (or shows the signed-out row); one
   * already showing something, or loading (Fetch Leads starts a load before it reveals the view),
   * is left as it is, also when that load starts while the sign-in state is being read.
   */
  async showFirstTime(isSignedIn: () => Promise<boolean>): Promise<void> {
    if (this.phase !== 'idle') return;
    const signedIn = await isSignedIn();
    if (this.phase !== 'idle') return;
    if (signedIn) await this.load();
    else this.setSignedOut();
  }

  /** The first page of leads for the current query; drops everything loaded before. */
  async load(): Promise<void> {
    this.generation.abort();
    const generation = (this.generation = new AbortController());
    this.phase = 'active';
    this.sections = new Map();
    this.leadNodes.clear();
    const list = new PagedList<Lead>(async (offset) => {
      const { data } = await this.deps.api.listLeads({ ...this.currentQuery, limit: this.pageSize, offset }, { cancellation: generation.signal });
      return data;
    });
    this.leads = list;
    this.changes.fire(undefined);
    await list.loadNext();
    this.afterFetch(list, generation, 'leads');
  }

  /** The next page of leads (no parent) or of a lead's notes/events (parentId = the section's id). */
  async loadMore(node?: LeadNode): Promise<void> {
    const parentId = node?.kind === 'loadMore' ? node.parentId : node?.kind === 'section' ? node.id : undefined;
    if (parentId !== undefined) {
      const entry = this.sections.get(parentId);
      if (!entry) return;
      const generation = this.generation;
      const fetching = entry.list.loadNext();
      this.changes.fire(entry.node);
      await fetching;
      if (this.afterFetch(entry.list, generation, 'notes or activity')) this.changes.fire(entry.node);
      return;
    }
    const list = this.leads;
    if (!list || this.phase !== 'active') return;
    const generation = this.generation;
    const fetching = list.loadNext();
    this.changes.fire(undefined);
    await fetching;
    this.afterFetch(list, generation, 'more leads');
  }

  setSignedOut(): void {
    this.generation.abort();
    this.generation = new AbortController();
    this.phase = 'signedOut';
    this.leads = undefined;
    this.sections = new Map();
    this.leadNodes.clear();
    this.changes.fire(undefined);
  }

  leadById(id: string): Lead | undefined {
    return this.leads?.get(id);
  }

  dispose(): void {
    this.generation.abort();
    this.changes.dispose();
  }

  /**
   * After a fetch: ignore it if a newer load replaced it, turn a lost session into the signed-out
   * state, and refresh the whole tree for lead pages. Returns whether the result still counts.
   */
  private afterFetch(list: PagedList<{ id: string }>, generation: AbortController, what: string): boolean {
    if (generation !== this.generation || generation.signal.aborted) return false;
    if (isBoomTownError(list.error, 'notSignedIn')) {
      this.setSignedOut();
      return false;
    }
    if (list.error !== undefined) this.deps.logger.warn(`Could not load ${what}:`, list.error);
    if (list === this.leads) this.changes.fire(undefined);
    return true;
  }

  private leadNode(lead: Lead): Extract<LeadNode, { kind: 'lead' }> {
    let node = this.leadNodes.get(lead.id);
    if (!node) {
      node = {
        kind: 'lead',
        id: lead.id,
        label: leadLabel(lead),
        description: leadDescription(lead),
        tooltip: leadTooltip(lead),
        icon: stageIcon(lead.stage),
        lead,
      };
      this.leadNodes.set(lead.id, node);
    }
    return node;
  }

  private section(leadId: string, section: 'notes' | 'events'): SectionEntry {
    const id = `section:${leadId}:${section}`;
    let entry = this.sections.get(id);
    if (!entry) {
      const generation = this.generation;
      const node: SectionNode = { kind: 'section', id, leadId, section, label: section === 'notes' ? l10n.t('Notes') : l10n.t('Activity') };
      const page = { limit: this.pageSize };
      const options = { cancellation: generation.signal };
      const list =
        section === 'notes'
          ? new PagedList<Note>(async (offset) => (await this.deps.api.listNotes(leadId, { ...page, offset }, options)).data)
          : new PagedList<LeadEvent>(async (offset) => (await this.deps.api.listEvents(leadId, { ...page, offset }, options)).data);
      entry = { node, list };
      this.sections.set(id, entry);
    }
    return entry;
  }

  private sectionChildren(entry: SectionEntry): LeadNode[] {
    const { node, list } = entry;
    const what = node.section === 'notes' ? 'notes' : 'activity entries';
    if (!list.loaded) return list.error !== undefined ? [errorNode(list.error, what)] : [{ kind: 'loading', label: l10n.t('Loading…') }];
    const nodes: LeadNode[] =
      node.section === 'notes'
        ? (list as PagedList<Note>).items.map((note) => ({
            kind: 'note' as const,
            id: `note:${node.leadId}:${note.id}`,
            label: noteLabel(note),
            description: shortDate(note.createdAt),
            tooltip: noteTooltip(note),
          }))
        : (list as PagedList<LeadEvent>).items.map((event) => ({
            kind: 'event' as const,
            id: `event:${node.leadId}:${event.id}`,
            label: eventLabel(event),
            description: shortDate(event.occurredAt),
            tooltip: eventTooltip(event),
          }));
    if (list.malformed > 0) nodes.push(malformedNode(list.malformed, what));
    if (nodes.length === 0) nodes.push({ kind: 'empty', label: node.section === 'notes' ? l10n.t('No notes') : l10n.t('No activity') });
    if (list.error !== undefined) nodes.push(errorNode(list.error, what));
    if (list.hasMore) nodes.push(this.loadMoreNode(list, node.id));
    return nodes;
  }

  private loadMoreNode(list: PagedList<{ id: string }>, parentId?: string): LeadNode {
    const label = list.isLoading ? l10n.t('Loading more…') : l10n.t('Load more…');
    return parentId === undefined ? { kind: 'loadMore', label } : { kind: 'loadMore', parentId, label };
  }
}

function hasFilter(query: LeadQuery): boolean {
  return Boolean(query.q || query.stage);
}
