import assert from 'node:assert/strict';
import { parseLead, parseLeadEvent, parseNote } from '../../../src/core/api/parse';
import type { Lead } from '../../../src/core/api/apiTypes';
import { eventLabel, eventTooltip, leadDescription, leadLabel, leadTooltip, noteLabel, shortDate, stageIcon } from '../../../src/core/leads/leadDisplay';
import { aLead } from '../api/helpers/builders';

function lead(overrides: Record<string, unknown>): Lead {
  const result = parseLead(aLead(overrides));
  assert.ok(result.ok);
  return result.item;
}

describe('lead display', () => {
  const icons: Array<[string | undefined, string]> = [
    ['new', 'circle-outline'],
    ['attempted_contact', 'call-outgoing'],
    ['nurture', 'heart'],
    ['active', 'flame'],
    ['under_contract', 'law'],
    ['closed', 'pass-filled'],
    ['archived', 'archive'],
    ['lost', 'question'],
    ['constructor', 'question'],
    [undefined, 'question'],
  ];
  for (const [stage, icon] of icons) {
    it(`stage ${stage} -> ${icon}`, () => assert.equal(stageIcon(stage), icon));
  }

  const labels: Array<[name: string, overrides: Record<string, unknown>, expected: string]> = [
    ['the full name', { id: 'L-1', firstName: 'Ada', lastName: 'Nguyen' }, 'Ada Nguyen'],
    ['only a last name', { id: 'L-1', firstName: null, lastName: 'Nguyen' }, 'Nguyen'],
    ['no name: the primary email', { id: 'L-1', firstName: null, lastName: null, emails: [{ value: 'b@x.com' }, { value: 'p@x.com', isPrimary: true }] }, 'p@x.com'],
    ['no name, no email: the id', { id: 'L-7', firstName: '  ', lastName: null, emails: [] }, 'L-7'],
    ['a name of control characters only: falls through to the email', { id: 'L-1', firstName: '\u0000\u202E', lastName: null, emails: ['e@x.com'] }, 'e@x.com'],
    ['markup stays literal text', { firstName: '<script>alert(1)</script>', lastName: null }, '<script>alert(1)</script>'],
  ];
  for (const [name, overrides, expected] of labels) {
    it(`label: ${name}`, () => assert.equal(leadLabel(lead(overrides)), expected));
  }

  it('a 10,000-character name becomes an 80-character label', () => {
    const label = leadLabel(lead({ firstName: 'n'.repeat(10_000) }));
    assert.equal(label.length, 80);
    assert.ok(label.endsWith('…'));
  });

  it('description: stage and source; marks an incomplete lead', () => {
    assert.equal(leadDescription(lead({ stage: 'attempted_contact', source: 'Zillow' })), 'attempted contact · Zillow');
    assert.equal(leadDescription(lead({ stage: null, source: null })), '');
    assert.equal(leadDescription(lead({ stage: 5, source: 'Web' })), 'Web · ⚠ incomplete');
  });

  it('tooltip: plain text lines with emails and phones, no control or bidi characters, bounded', () => {
    const tooltip = leadTooltip(
      lead({
        firstName: 'Ada\u202E',
        emails: [{ value: 'ada@example.com', type: 'work', isPrimary: true }],
        phones: [{ value: '+1 843\n555 0100' }],
        source: 'x'.repeat(10_000),
      }),
    );
    const lines = tooltip.split('\n');
    assert.ok(lines.includes('Email: ada@example.com (work) · primary'));
    assert.ok(lines.includes('Phone: +1 843 555 0100'));
    assert.ok(!/[\u202e\u0000-\u0009\u000b-\u001f]/.test(tooltip));
    assert.ok(tooltip.length <= 500);
  });

  it('notes and events', () => {
    const note = parseNote({ id: 'N-1', body: 'Called\nno answer', createdAt: '2026-09-01T14:03:00Z' });
    assert.ok(note.ok);
    assert.equal(noteLabel(note.item), 'Called no answer');
    const event = parseLeadEvent({ id: 'E-1', type: 'viewed_property', occurredAt: '2026-09-02T08:00:00Z', details: { mls: 'M-1', price: 350000, nested: { a: 1 } } });
    assert.ok(event.ok);
    assert.equal(eventLabel(event.item), 'Viewed property');
    assert.match(eventTooltip(event.item), /mls: M-1\nprice: 350000\nnested: \{"a":1\}/);
  });

  const dates: Array<[string | undefined, string]> = [
    ['2026-09-01T14:03:00Z', '2026-09-01 14:03'],
    ['2026-09-01T14:03:00.123+02:00', '2026-09-01 14:03'],
    ['yesterday\u0007', 'yesterday'],
    [undefined, ''],
  ];
  for (const [input, expected] of dates) {
    it(`date ${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => assert.equal(shortDate(input), expected));
  }

});
