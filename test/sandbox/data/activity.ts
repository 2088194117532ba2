/**
 * Notes and activity events of one lead. Generated on demand from a seed derived from the lead's
 * index, so 10,000 leads cost nothing up front and every call returns the same items.
 */
import { hostileNoteBody, type HostileKind } from './hostile';
import { isoSeconds } from './leads';
import { Random, deriveSeed } from './random';
import { CALL_OUTCOMES, CITIES, DAYS, EMAIL_SUBJECTS, EVENT_TYPES, NOTE_TEMPLATES, STREET_NAMES, STREET_SUFFIXES, type EventType } from './words';

export interface Note {
  id: string;
  leadId: string;
  body: string;
  createdAt: string;
  authorId: string;
}

export interface LeadEvent {
  id: string;
  leadId: string;
  type: EventType;
  occurredAt: string;
  details: Record<string, unknown>;
}

/** What activity generation needs to know of a lead (taken before hostile values overwrite it). */
export interface ActivitySubject {
  id: string;
  index: number;
  createdMs: number;
  lastActivityMs: number;
  source: string;
  hostileKind?: HostileKind;
}

export function makeNotes(subject: ActivitySubject, seed: number, authorIds: readonly string[]): Note[] {
  const random = new Random(deriveSeed(seed, subject.index, 0x4e07e));
  const count = random.weighted([[0, 2], [1, 3], [2, 3], [3, 2], [5, 1], [8, 1]] as const);
  const notes: Note[] = [];
  for (let position = 0; position < count; position++) {
    const place = random.pick(CITIES);
    const body = random
      .pick(NOTE_TEMPLATES)
      .replace('{day}', random.pick(DAYS))
      .replace('{city}', place.city)
      .replace('{beds}', String(random.int(2, 5)))
      .replace('{price}', (random.int(8, 36) * 25_000).toLocaleString('en-US'));
    notes.push({ id: '', leadId: subject.id, body, createdAt: isoSeconds(between(random, subject)), authorId: random.pick(authorIds) });
  }
  if (subject.hostileKind) {
    notes.push({ id: '', leadId: subject.id, body: hostileNoteBody(subject.hostileKind), createdAt: isoSeconds(subject.lastActivityMs), authorId: random.pick(authorIds) });
  }
  return numberNewestFirst(notes, (note) => note.createdAt, (note, position) => (note.id = `N-${subject.id.slice(2)}-${position + 1}`));
}

export function makeEvents(subject: ActivitySubject, seed: number, agentIds: readonly string[]): LeadEvent[] {
  const random = new Random(deriveSeed(seed, subject.index, 0xe7e47));
  const events: LeadEvent[] = [
    { id: '', leadId: subject.id, type: 'registered', occurredAt: isoSeconds(subject.createdMs), details: { source: subject.source } },
  ];
  const count = random.int(0, 12);
  for (let position = 0; position < count; position++) {
    const type = random.pick(EVENT_TYPES.filter((candidate) => candidate !== 'registered'));
    const occurredMs = position === count - 1 ? subject.lastActivityMs : between(random, subject);
    events.push({ id: '', leadId: subject.id, type, occurredAt: isoSeconds(occurredMs), details: eventDetails(type, random, agentIds) });
  }
  return numberNewestFirst(events, (event) => event.occurredAt, (event, position) => (event.id = `E-${subject.id.slice(2)}-${position + 1}`));
}

function eventDetails(type: EventType, random: Random, agentIds: readonly string[]): Record<string, unknown> {
  const place = random.pick(CITIES);
  const listingId = `MLS-${random.int(100000, 999999)}`;
  switch (type) {
    case 'registered':
      return {};
    case 'viewed_property':
      return {
        listingId,
        address: `${random.int(1, 9999)} ${random.pick(STREET_NAMES)} ${random.pick(STREET_SUFFIXES)}, ${place.city}, ${place.state}`,
        price: random.int(8, 60) * 25_000,
      };
    case 'saved_search': {
      const bedsMin = random.int(2, 5);
      return { name: `${bedsMin}+ bed in ${place.city}`, criteria: { city: place.city, bedsMin, priceMax: random.int(12, 50) * 25_000 } };
    }
    case 'favorited':
      return { listingId };
    case 'email_opened':
      return { subject: random.pick(EMAIL_SUBJECTS).replace('{city}', place.city) };
    case 'called':
      return { durationSeconds: random.int(0, 1800), outcome: random.pick(CALL_OUTCOMES), agentId: random.pick(agentIds) };
  }
}

function between(random: Random, subject: ActivitySubject): number {
  return subject.createdMs + Math.floor(random.next() * Math.max(0, subject.lastActivityMs - subject.createdMs));
}

/** Sorts newest first (ties keep generation order) and assigns ids in that order. */
function numberNewestFirst<T>(items: T[], timeOf: (item: T) => string, setId: (item: T, position: number) => void): T[] {
  const ordered = items
    .map((item, position) => ({ item, position }))
    .sort((a, b) => (timeOf(a.item) < timeOf(b.item) ? 1 : timeOf(a.item) > timeOf(b.item) ? -1 : a.position - b.position))
    .map(({ item }) => item);
  ordered.forEach((item, position) => setId(item, position));
  return ordered;
}
