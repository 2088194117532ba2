import assert from 'node:assert/strict';
import { parseItems, parseLead, parseLeadEvent, parseMe, parseNote } from '../../../src/core/api/parse';
import { aLead } from './helpers/builders';

function lead(overrides: Record<string, unknown>) {
  const result = parseLead(aLead(overrides));
  assert.ok(result.ok, 'expected a readable lead');
  return result.item;
}

describe('tolerant parsing', () => {
  it('reads a complete lead and keeps unknown fields in raw', () => {
    const source = aLead({ id: 'L-1', customField: { nested: true }, address: { city: 'Charleston', state: 'SC' } });
    const parsed = lead(source);
    assert.equal(parsed.id, 'L-1');
    assert.equal(parsed.firstName, 'Ada');
    assert.equal(parsed.address?.city, 'Charleston');
    assert.deepEqual(parsed.raw.customField, { nested: true });
    assert.deepEqual(parsed.warnings, []);
  });

  it('treats missing and null optional fields as absent, without warnings', () => {
    const parsed = lead({ firstName: null, lastName: undefined, emails: null, phones: undefined, tags: null, address: null, stage: null });
    assert.equal(parsed.firstName, undefined);
    assert.deepEqual(parsed.emails, []);
    assert.deepEqual(parsed.phones, []);
    assert.deepEqual(parsed.tags, []);
    assert.equal(parsed.address, undefined);
    assert.deepEqual(parsed.warnings, []);
  });

  it('drops a field of the wrong type with a warning, keeping the rest (a partial lead)', () => {
    const parsed = lead({ firstName: 42, emails: 'not-a-list', address: { city: ['x'] } });
    assert.equal(parsed.firstName, undefined);
    assert.equal(parsed.lastName !== undefined, true);
    assert.deepEqual(parsed.emails, []);
    assert.equal(parsed.warnings.length, 3);
    assert.match(parsed.warnings.join('\n'), /firstName should be a string but is a number/);
    assert.match(parsed.warnings.join('\n'), /address\.city/);
  });

  it('skips a bad entry inside a list and keeps the good ones', () => {
    const parsed = lead({ emails: [{ value: 'a@example.com' }, 17, { type: 'work' }, 'b@example.com'] });
    assert.deepEqual(
      parsed.emails.map((email) => email.value),
      ['a@example.com', 'b@example.com'],
    );
    assert.equal(parsed.warnings.length, 2);
  });

  it('accepts numeric ids as strings', () => {
    assert.equal(lead({ id: 10293 }).id, '10293');
  });

  it('reports entries without an id or not objects as malformed, never throwing', () => {
    const { items, malformed } = parseItems([aLead({ id: 'L-1' }), { firstName: 'no id' }, 'text', null, aLead({ id: 'L-2' }), { id: '' }], parseLead);
    assert.deepEqual(
      items.map((item) => item.id),
      ['L-1', 'L-2'],
    );
    assert.deepEqual(
      malformed.map((entry) => entry.index),
      [1, 2, 3, 5],
    );
  });

  it('reads notes, events and the user tolerantly', () => {
    const note = parseNote({ id: 'N-1', body: 7, createdAt: '2026-09-01T00:00:00Z' });
    assert.ok(note.ok);
    assert.equal(note.item.body, undefined);
    assert.equal(note.item.warnings.length, 1);
    const event = parseLeadEvent({ id: 'E-1', type: 'viewed_property', details: 'oops' });
    assert.ok(event.ok);
    assert.equal(event.item.details, undefined);
    assert.equal(parseMe({ email: 'x@example.com' }).ok, false);
  });
});
