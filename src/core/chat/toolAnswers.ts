import type { Agent, Lead, LeadEvent, Note, Page } from '../api/apiTypes';
import { ChatTools } from '../../constants';
import { agentFacts, eventFacts, leadDetail, leadSummary, noteFacts } from './leadFacts';
import { DEFAULT_DEEP_LIMITS, inertJson, jsonLines, quoted, type DeepLimits } from './untrustedData';
import type { SearchLeadsInput } from './toolInputs';

/**
 * The text each tool answers with. What the tool says is plain English for the model (it words the
 * reply to the user itself); every value from BoomTown is inside one quoted block. Answers are
 * compact and capped: a list that does not fit says how many more there are and how to ask.
 */

/** About 4,000 tokens: enough for a page of leads, small enough to leave room for the conversation. */
const DEFAULT_RESULT_BUDGET = 16_000;
const MIN_RESULT_BUDGET = 2_000;

/** Characters to aim for, from VS Code's token budget when it gives one (about 3 characters a token, to be safe). */
export function resultBudget(tokenBudget: number | undefined): number {
  if (tokenBudget === undefined || !Number.isFinite(tokenBudget) || tokenBudget <= 0) return DEFAULT_RESULT_BUDGET;
  return Math.max(MIN_RESULT_BUDGET, Math.min(DEFAULT_RESULT_BUDGET, Math.floor(tokenBudget * 3)));
}

/** Room kept for the notice, the fence and the sentences around the data. */
const FRAME_RESERVE = 700;

/** How many of `entries` fit into `budget` characters of one-entry-per-line JSON (at least one, if any). */
function fittingCount(entries: unknown[], budget: number): number {
  let used = 4;
  for (let index = 0; index < entries.length; index++) {
    used += JSON.stringify(entries[index]).length + 2;
    if (used > budget) return Math.max(index, entries.length > 0 ? 1 : 0);
  }
  return entries.length;
}

/** The data index of the n-th readable item: malformed entries take places in the page too. */
function offsetAfter(page: Page<unknown>, shownItems: number): number {
  if (shownItems >= page.items.length) return page.nextOffset;
  const skipped = new Set(page.malformed.map((entry) => entry.index));
  let index = 0;
  for (let seen = 0; ; index++) {
    if (skipped.has(index)) continue;
    if (seen === shownItems) break;
    seen++;
  }
  return page.offset + index;
}

interface ListWording {
  noun: string;
  tool: string;
  /** The call for the next page, e.g. 'offset=25' (plus the same filters). */
  nextCall: (offset: number) => string;
}

function listAnswer<T>(page: Page<T>, facts: (item: T) => Record<string, unknown>, wording: ListWording, intro: string, budget: number): string {
  const entries = page.items.map(facts);
  const shown = fittingCount(entries, budget - FRAME_RESERVE);
  const lines: string[] = [];
  const range = shown > 0 ? `${page.offset + 1}–${page.offset + shown}` : '';
  const total = page.total !== undefined ? ` of ${page.total}` : '';
  if (shown === 0) lines.push(`${intro} No ${wording.noun} ${page.offset > 0 ? 'at this offset' : 'match'}.`);
  else lines.push(`${intro} Showing ${wording.noun} ${range}${total}.`);
  if (shown > 0) lines.push(quoted(wording.noun, entries.slice(0, shown)));
  if (page.malformed.length > 0) lines.push(`${page.malformed.length} entries of this page could not be read and are left out.`);
  const hiddenHere = entries.length - shown;
  const more = page.total !== undefined ? Math.max(0, page.total - offsetAfter(page, shown)) : undefined;
  if (hiddenHere > 0 || page.hasMore) {
    const next = offsetAfter(page, shown);
    const count = more !== undefined ? `${more} more ${wording.noun}` : `More ${wording.noun}`;
    const why = hiddenHere > 0 ? ` (${hiddenHere} of them did not fit into this answer)` : '';
    lines.push(`${count} available${why}: ask for the next page by calling ${wording.tool} with ${wording.nextCall(next)}.`);
  }
  return lines.join('\n');
}

/** The filters as the model sent them (checked input, not BoomTown data), e.g. `q="ada", stage=active`. */
function describeFilters(input: SearchLeadsInput): string {
  return [
    input.q !== undefined ? `q=${JSON.stringify(input.q)}` : undefined,
    input.stage !== undefined ? `stage=${input.stage}` : undefined,
    input.sort !== undefined ? `sort=${input.sort}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

export function searchLeadsAnswer(page: Page<Lead>, input: SearchLeadsInput, budget = DEFAULT_RESULT_BUDGET): string {
  const filters = describeFilters(input);
  const order = !input.sort || input.sort === '-lastActivityAt' ? 'newest activity first' : `sorted by ${input.sort}`;
  return listAnswer(
    page,
    leadSummary,
    { noun: 'leads', tool: ChatTools.searchLeads, nextCall: (offset) => `offset=${offset}${filters ? ` and the same ${filters}` : ''}` },
    `BoomTown leads search (${filters || 'no filter'}; ${order}).`,
    budget,
  );
}

export function agentsAnswer(page: Page<Agent>, budget = DEFAULT_RESULT_BUDGET): string {
  return listAnswer(page, agentFacts, { noun: 'agents', tool: ChatTools.listAgents, nextCall: (offset) => `offset=${offset}` }, 'BoomTown agents.', budget);
}

export interface LeadParts {
  lead: Lead;
  notes: Page<Note> | { failed: string };
  events: Page<LeadEvent> | { failed: string };
}

export const RECENT_NOTES = 5;
export const RECENT_EVENTS = 10;

/** A lead with its recent notes and activity; when it does not fit, activity goes first, then notes. */
export function leadAnswer(parts: LeadParts, requestedId: string, budget = DEFAULT_RESULT_BUDGET): string {
  const lead = leadDetail(parts.lead);
  const notes = 'failed' in parts.notes ? [] : parts.notes.items.map(noteFacts);
  const events = 'failed' in parts.events ? [] : parts.events.items.map(eventFacts);
  let shownNotes = notes.length;
  let shownEvents = events.length;
  const render = () => ({ lead, recentNotes: notes.slice(0, shownNotes), recentActivity: events.slice(0, shownEvents) });
  const room = budget - FRAME_RESERVE;
  while (JSON.stringify(render()).length > room && (shownEvents > 0 || shownNotes > 0)) {
    if (shownEvents > 0) shownEvents--;
    else shownNotes--;
  }
  // The id in our own words is the one the model asked for: the server's copy stays inside the block.
  const lines = [`BoomTown lead ${JSON.stringify(requestedId)} with its most recent notes and activity.`, quoted('lead', render())];
  for (const [noun, part, shown] of [
    ['notes', parts.notes, shownNotes],
    ['activity entries', parts.events, shownEvents],
  ] as const) {
    if ('failed' in part) lines.push(`Its ${noun} could not be loaded: ${part.failed}`);
    else {
      const total = part.total ?? part.received;
      if (total > shown) lines.push(`${total - shown} older ${noun} are not shown; ${ChatTools.apiGet} can page through them (path /v1/leads/${encodeURIComponent(requestedId)}/${noun === 'notes' ? 'notes' : 'events'}?offset=${shown}).`);
    }
  }
  return lines.join('\n');
}

/** Any answer of a GET under /v1/, made inert; big answers are cut down until they fit, and say so. */
export function rawAnswer(path: string, data: unknown, budget = DEFAULT_RESULT_BUDGET): string {
  const room = budget - FRAME_RESERVE;
  let limits: DeepLimits = DEFAULT_DEEP_LIMITS;
  let body = inertJson(data, limits);
  let cut = false;
  while (jsonLines(body).length > room && (limits.maxArray > 1 || limits.maxString > 40)) {
    cut = true;
    limits = { ...limits, maxArray: Math.max(1, Math.floor(limits.maxArray / 2)), maxString: Math.max(40, Math.floor(limits.maxString / 2)) };
    body = inertJson(data, limits);
  }
  let block = quoted(`GET ${path}`, body);
  if (block.length > budget) {
    cut = true;
    block = quoted(`GET ${path}`, `[the answer is too large to show: ${jsonLines(body).length} characters even when shortened]`);
  }
  const intro = `Answer of GET ${JSON.stringify(path)} from the BoomTown API.`;
  const note = cut ? '\nThe answer was shortened to fit (lists cut, long texts shortened): ask for smaller pages with limit and offset in the query.' : '';
  return `${intro}\n${block}${note}`;
}
