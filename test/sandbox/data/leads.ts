/** Generates ordinary leads shaped as the contract's "A lead" example. */
import type { Agent } from './people';
import { emailLocal } from './people';
import { Random } from './random';
import {
  CITIES,
  EMAIL_DOMAINS,
  EMAIL_TYPES,
  FIRST_NAMES,
  LAST_NAMES,
  LEAD_TYPE_WEIGHTS,
  PHONE_TYPES,
  SOURCES,
  STAGE_WEIGHTS,
  STREET_NAMES,
  STREET_SUFFIXES,
  TAGS,
} from './words';

export type LeadJson = Record<string, unknown>;

/** Data is anchored to a fixed instant, not to "now", so a seed always yields byte-identical JSON. */
export const DATA_EPOCH_MS = Date.UTC(2026, 10, 1, 12, 0, 0);


export function leadId(index: number): string {
  return `L-${10001 + index}`;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function makeLead(index: number, random: Random, agents: readonly Agent[]): LeadJson {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const place = random.pick(CITIES);
  const source = random.pick(SOURCES);
  const createdMs = DATA_EPOCH_MS - random.int(1, 730 * 24 * 60) * 60_000;
  const lastActivityMs = createdMs + Math.floor(random.next() * (DATA_EPOCH_MS - createdMs));
  const updatedMs = Math.min(DATA_EPOCH_MS, lastActivityMs + random.int(0, 3 * 24 * 60) * 60_000);
  const leadType = random.weighted(LEAD_TYPE_WEIGHTS);

  const lead: LeadJson = {
    id: leadId(index),
    firstName,
    lastName,
    emails: makeEmails(random, firstName, lastName),
    phones: makePhones(random, place.area),
    stage: random.weighted(STAGE_WEIGHTS),
    leadType,
    source: source.name,
    sourceUrl: source.url === null ? null : `${source.url}${random.int(100000, 999999)}`,
    assignedAgentId: random.chance(0.1) ? null : random.pick(agents).id,
    tags: random.some(TAGS, random.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const)),
    address: {
      street: `${random.int(1, 9999)} ${random.pick(STREET_NAMES)} ${random.pick(STREET_SUFFIXES)}`,
      city: place.city,
      state: place.state,
      zip: place.zip,
      country: 'US',
    },
    searchCriteria: leadType === 'seller' ? null : makeSearchCriteria(random),
    createdAt: isoSeconds(createdMs),
    updatedAt: isoSeconds(updatedMs),
    lastActivityAt: isoSeconds(lastActivityMs),
  };
  // Fields the contract does not name: clients must keep them (they show up in the raw JSON).
  if (index % 8 === 5) lead.customFields = { preferredContact: random.pick(['text', 'call', 'email']), timeline: random.pick(['0-3 months', '3-6 months', '6-12 months']) };
  return lead;
}

function makeEmails(random: Random, firstName: string, lastName: string): unknown[] {
  const count = random.weighted([[0, 1], [1, 7], [2, 2]] as const);
  const local = emailLocal(firstName, lastName);
  return Array.from({ length: count }, (_, position) => ({
    value: `${local}${position === 0 ? '' : random.int(1, 99)}@${random.pick(EMAIL_DOMAINS)}`,
    type: position === 0 ? 'personal' : random.pick(EMAIL_TYPES),
    isPrimary: position === 0,
  }));
}

function makePhones(random: Random, area: string): unknown[] {
  const count = random.weighted([[0, 2], [1, 6], [2, 2], [3, 1]] as const);
  return Array.from({ length: count }, (_, position) => ({
    // 555-0100…0199 are the numbers reserved for fiction.
    value: `+1 ${area} 555 01${String(random.int(0, 99)).padStart(2, '0')}`,
    type: position === 0 ? 'mobile' : random.pick(PHONE_TYPES),
  }));
}

function makeSearchCriteria(random: Random): Record<string, number> {
  const priceMin = random.int(6, 36) * 25_000;
  return {
    priceMin,
    priceMax: priceMin + random.int(2, 16) * 25_000,
    bedsMin: random.int(1, 5),
    bathsMin: random.int(1, 4),
  };
}


