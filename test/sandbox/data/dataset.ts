/** The sandbox's whole data set: users, agents, leads (with search and sort), and per-lead activity. */
import { makeEvents, makeNotes, type ActivitySubject, type LeadEvent, type Note } from './activity';
import { applyHostile, hostileKindAt } from './hostile';
import { DATA_EPOCH_MS, isoSeconds, makeLead, type LeadJson } from './leads';
import { makeAgents, makeUsers, OTHER_TEAM_ID, TEAM_ID, type Agent } from './people';
import { Random, deriveSeed } from './random';
import type { SandboxUser } from '../types';

/** A lead owned by another team: GET /v1/leads/{id} (and its notes/events) answer 403; it never appears in lists. */
export const FOREIGN_TEAM_LEAD_ID = 'L-90403';

export const LEAD_SORTS = ['-lastActivityAt', '-createdAt', 'lastName'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

export interface StoredLead {
  json: LeadJson;
  teamId: string;
  activity: ActivitySubject;
  /** Lower-cased names and email addresses, for `q`. */
  searchText: string;
  /** Lower-cased phone numbers as written, and digits only, for `q`. */
  phoneTexts: string[];
  phoneDigits: string[];
}

export interface LeadFilter {
  q?: string;
  stage?: string;
  sort: LeadSort;
}

export interface DatasetOptions {
  leads: number;
  seed: number;
  users: number;
}

export class Dataset {
  private readonly byId = new Map<string, StoredLead>();
  private readonly sortedViews = new Map<LeadSort, StoredLead[]>();

  private constructor(
    readonly seed: number,
    readonly users: SandboxUser[],
    readonly agents: Agent[],
    /** The leads of the signed-in team, in generation order. */
    readonly leads: StoredLead[],
    foreignLead: StoredLead,
  ) {
    for (const lead of leads) this.byId.set(lead.activity.id, lead);
    this.byId.set(foreignLead.activity.id, foreignLead);
  }

  static generate(options: DatasetOptions): Dataset {
    const agents = makeAgents(options.seed);
    const random = new Random(deriveSeed(options.seed, 0x1ead));
    const leads: StoredLead[] = [];
    for (let index = 0; index < options.leads; index++) {
      const ordinary = makeLead(index, random, agents);
      const kind = hostileKindAt(index);
      leads.push(store(kind ? applyHostile(kind, ordinary) : ordinary, TEAM_ID, subjectOf(ordinary, index, kind)));
    }
    const foreign = makeLead(options.leads, new Random(deriveSeed(options.seed, 0xf0e1)), agents);
    foreign.id = FOREIGN_TEAM_LEAD_ID;
    return new Dataset(options.seed, makeUsers(options.users, options.seed), agents, leads, store(foreign, OTHER_TEAM_ID, subjectOf(foreign, -1)));
  }

  findLead(id: string): StoredLead | undefined {
    return this.byId.get(id);
  }

  /** The team's leads matching the filter, in the requested order. */
  listLeads(filter: LeadFilter): StoredLead[] {
    const view = this.sorted(filter.sort);
    const q = filter.q?.trim().toLowerCase() ?? '';
    if (!q && !filter.stage) return view;
    const matches = q ? queryMatcher(q) : () => true;
    return view.filter((lead) => (!filter.stage || lead.json.stage === filter.stage) && matches(lead));
  }

  notes(lead: StoredLead): Note[] {
    return makeNotes(lead.activity, this.seed, [...this.agents.map((agent) => agent.id), ...this.users.map((user) => user.id)]);
  }

  events(lead: StoredLead): LeadEvent[] {
    return makeEvents(lead.activity, this.seed, this.agents.map((agent) => agent.id));
  }

  private sorted(sort: LeadSort): StoredLead[] {
    let view = this.sortedViews.get(sort);
    if (!view) {
      view = [...this.leads].sort(comparator(sort));
      this.sortedViews.set(sort, view);
    }
    return view;
  }
}

function subjectOf(lead: LeadJson, index: number, hostileKind?: ActivitySubject['hostileKind']): ActivitySubject {
  return {
    id: String(lead.id),
    index,
    createdMs: Date.parse(String(lead.createdAt)),
    lastActivityMs: Date.parse(String(lead.lastActivityAt ?? isoSeconds(DATA_EPOCH_MS))),
    source: typeof lead.source === 'string' ? lead.source : 'Website',
    ...(hostileKind ? { hostileKind } : {}),
  };
}

function store(json: LeadJson, teamId: string, activity: ActivitySubject): StoredLead {
  const first = text(json.firstName);
  const last = text(json.lastName);
  const emails = listOf(json.emails).map((email) => text((email as { value?: unknown } | null)?.value));
  const phones = listOf(json.phones).map((phone) => text((phone as { value?: unknown } | null)?.value).toLowerCase());
  return {
    json,
    teamId,
    activity,
    searchText: [first, last, `${first} ${last}`, ...emails].join('\n').toLowerCase(),
    phoneTexts: phones,
    phoneDigits: phones.map(digitsOf),
  };
}

function queryMatcher(q: string): (lead: StoredLead) => boolean {
  // "843-555 0123" and "(843) 5550123" find "+1 843 555 0123": compare digits when the query looks like a phone number.
  const qDigits = /^[\d\s()+.-]+$/.test(q) ? digitsOf(q) : '';
  return (lead) =>
    lead.searchText.includes(q) ||
    lead.phoneTexts.some((phone) => phone.includes(q)) ||
    (qDigits.length >= 3 && lead.phoneDigits.some((digits) => digits.includes(qDigits)));
}

/** Each sort is total and stable: missing or wrongly typed values go last, ties break by id. */
function comparator(sort: LeadSort): (a: StoredLead, b: StoredLead) => number {
  const byId = (a: StoredLead, b: StoredLead) => (a.activity.id < b.activity.id ? -1 : a.activity.id > b.activity.id ? 1 : 0);
  if (sort === 'lastName') {
    const collator = new Intl.Collator('en', { sensitivity: 'base' });
    return (a, b) =>
      missingLast(text(a.json.lastName), text(b.json.lastName), (x, y) => collator.compare(x, y)) ||
      collator.compare(text(a.json.firstName), text(b.json.firstName)) ||
      byId(a, b);
  }
  const field = sort === '-createdAt' ? 'createdAt' : 'lastActivityAt';
  const newestFirst = (x: string, y: string) => (x < y ? 1 : x > y ? -1 : 0);
  return (a, b) => missingLast(text(a.json[field]), text(b.json[field]), newestFirst) || byId(a, b);
}

function missingLast(x: string, y: string, compare: (x: string, y: string) => number): number {
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return compare(x, y);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}
