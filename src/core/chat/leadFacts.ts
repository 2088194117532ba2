import type { Agent, ContactPoint, Lead, LeadEvent, Note } from '../api/apiTypes';
import { primaryValue } from '../leads/contactPoints';
import { fullName } from '../leads/leadDisplay';
import { compact, inert, inertJson, inertText, TEXT_MAX } from './untrustedData';

/**
 * The fields of each item that answer questions ("who, what stage, where, when last active"),
 * made inert. Everything else stays out of the model's context: it costs tokens and shares
 * personal data nobody asked about.
 */

const TAGS_MAX = 8;
const DETAIL_LIMITS = { maxString: 200, maxArray: 10, maxDepth: 3 };

function place(lead: Lead): string | undefined {
  return inert([lead.address?.city, lead.address?.state].filter(Boolean).join(', '));
}

function tags(lead: Lead): string[] {
  return lead.tags.slice(0, TAGS_MAX).flatMap((tag) => inert(tag, 60) ?? []);
}

/** One lead in a list: enough to pick it and to answer most questions about it. */
export function leadSummary(lead: Lead): Record<string, unknown> {
  return compact({
    id: inert(lead.id),
    name: inert(fullName(lead.firstName, lead.lastName)),
    stage: inert(lead.stage, 40),
    type: inert(lead.leadType, 40),
    city: place(lead),
    email: inert(primaryValue(lead.emails)),
    phone: inert(primaryValue(lead.phones), 40),
    agentId: inert(lead.assignedAgentId, 40),
    tags: tags(lead),
    lastActivityAt: inert(lead.lastActivityAt, 40),
    createdAt: inert(lead.createdAt, 40),
    incomplete: lead.warnings.length > 0 ? true : undefined,
  });
}

function contactPoints(points: ContactPoint[]): Array<Record<string, unknown>> {
  return points.slice(0, 5).map((point) => compact({ value: inert(point.value), type: inert(point.type, 30), primary: point.isPrimary || undefined }));
}

/** One lead on its own: its summary plus contact details, address, source and search criteria. */
export function leadDetail(lead: Lead): Record<string, unknown> {
  const address = lead.address;
  return compact({
    ...leadSummary(lead),
    email: undefined,
    phone: undefined,
    emails: contactPoints(lead.emails),
    phones: contactPoints(lead.phones),
    address: address
      ? compact({ street: inert(address.street), city: inert(address.city), state: inert(address.state, 40), zip: inert(address.zip, 20), country: inert(address.country, 40) })
      : undefined,
    source: inert(lead.source),
    searchCriteria: lead.searchCriteria ? inertJson(lead.searchCriteria, DETAIL_LIMITS) : undefined,
    updatedAt: inert(lead.updatedAt, 40),
    problems: lead.warnings.length > 0 ? lead.warnings.slice(0, 5).map((warning) => inert(warning, 120)) : undefined,
  });
}

export function noteFacts(note: Note): Record<string, unknown> {
  return compact({ createdAt: inert(note.createdAt, 40), authorId: inert(note.authorId, 40), body: inertText(note.body, TEXT_MAX) });
}

export function eventFacts(event: LeadEvent): Record<string, unknown> {
  return compact({
    type: inert(event.type, 40),
    occurredAt: inert(event.occurredAt, 40),
    details: event.details ? inertJson(event.details, DETAIL_LIMITS) : undefined,
  });
}

export function agentFacts(agent: Agent): Record<string, unknown> {
  return compact({ id: inert(agent.id), name: inert(fullName(agent.firstName, agent.lastName)), email: inert(agent.email) });
}
