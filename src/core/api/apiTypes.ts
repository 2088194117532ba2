/**
 * Shapes of the BoomTown API as this extension understands them. Everything the server may omit is
 * optional; every parsed item keeps the object it came from (`raw`) so "show raw JSON" and exports
 * never lose fields this code does not know about.
 */

/** Problems found while reading one item. Non-empty means the item is "partial": shown, but incomplete. */
export type ParseWarnings = string[];

export interface ContactPoint {
  value: string;
  type?: string;
  isPrimary?: boolean;
}

export interface Address {
  street?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
}

export interface Lead {
  id: string;
  firstName?: string;
  lastName?: string;
  emails: ContactPoint[];
  phones: ContactPoint[];
  stage?: string;
  leadType?: string;
  source?: string;
  sourceUrl?: string;
  assignedAgentId?: string;
  tags: string[];
  address?: Address;
  /** Kept as the server sent it: its keys vary between servers. */
  searchCriteria?: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
  lastActivityAt?: string;
  raw: Record<string, unknown>;
  warnings: ParseWarnings;
}

export interface Note {
  id: string;
  leadId?: string;
  body?: string;
  createdAt?: string;
  authorId?: string;
  raw: Record<string, unknown>;
  warnings: ParseWarnings;
}

export interface LeadEvent {
  id: string;
  leadId?: string;
  type?: string;
  occurredAt?: string;
  details?: Record<string, unknown>;
  raw: Record<string, unknown>;
  warnings: ParseWarnings;
}

export interface Agent {
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  raw: Record<string, unknown>;
  warnings: ParseWarnings;
}

export interface Me {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  teamId?: string;
  raw: Record<string, unknown>;
  warnings: ParseWarnings;
}

/** A list entry that could not be read at all (not an object, no id). The rest of the page still shows. */
export interface MalformedItem {
  /** Position in the page's `data` array. */
  index: number;
  problem: string;
}

export interface Page<T> {
  items: T[];
  malformed: MalformedItem[];
  /** Offset of this page, as the server reported it (or as asked). */
  offset: number;
  /** The page size the server REPORTED (may be lower than asked). */
  limit: number;
  total?: number;
  /** How many entries `data` held, readable or not: the next page starts after all of them. */
  received: number;
  hasMore: boolean;
  nextOffset: number;
}

/** One HTTP exchange as the user may see it ("show raw JSON"): no credentials in it. */
export interface RawExchange {
  method: string;
  url: string;
  status: number;
  durationMs: number;
  /** Response headers, minus anything carrying credentials or cookies. */
  headers: Record<string, string>;
  bodyText: string;
  /** How many requests it took (retries, the refresh after a 401). */
  attempts: number;
}

export interface ApiResult<T> {
  data: T;
  raw: RawExchange;
}

export interface LeadQuery {
  q?: string;
  stage?: string;
  sort?: string;
}

export interface ListLeadsParams extends LeadQuery {
  limit?: number;
  offset?: number;
}
