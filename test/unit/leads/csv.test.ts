import assert from 'node:assert/strict';
import { toCsv, toJson } from '../../../src/core/leads/csv';
import { parseLead } from '../../../src/core/api/parse';
import type { Lead } from '../../../src/core/api/apiTypes';
import { aLead } from '../api/helpers/builders';

function lead(overrides: Record<string, unknown>): Lead {
  const result = parseLead(aLead(overrides));
  assert.ok(result.ok);
  return result.item;
}

/** A tiny RFC 4180 reader, to check that what toCsv writes reads back to the same cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    }
    else cell += char;
  }
  return rows;
}

describe('CSV export', () => {
  const cells: Array<[input: string, expected: string]> = [
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1 843 555 0100', "'+1 843 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['a=b', 'a=b'],
  ];
  for (const [input, expected] of cells) {
    it(`cell ${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      const text = toCsv([lead({ id: 'L-1', firstName: input })]);
      const record = text.slice(text.indexOf('\r\n') + 2);
      assert.ok(record.startsWith(`L-1,${expected},`), record);
    });
  }

  it('writes a header and one CRLF-terminated row per lead that reads back to the same cells', () => {
    const leads = [
      lead({ id: 'L-1', firstName: 'Ada, "the" first', lastName: 'Nguyen\nNewline', tags: ['a', 'b'] }),
      lead({ id: 'L-2', firstName: '=cmd|" /C calc"!A0', emails: [], phones: null }),
    ];
    const text = toCsv(leads);
    assert.ok(text.endsWith('\r\n'));
    const rows = readCsv(text);
    assert.equal(rows.length, 3);
    const header = rows[0];
    const column = (row: string[], name: string) => row[header.indexOf(name)];
    assert.ok(rows.every((row) => row.length === header.length));
    assert.equal(column(rows[1], 'firstName'), 'Ada, "the" first');
    assert.equal(column(rows[1], 'lastName'), 'Nguyen\nNewline');
    assert.equal(column(rows[1], 'tags'), 'a; b');
    assert.equal(column(rows[2], 'firstName'), `'=cmd|" /C calc"!A0`);
    assert.equal(column(rows[2], 'email'), '');
  });

  it('writes the address in its columns, and empty cells for a lead without one', () => {
    const rows = readCsv(toCsv([lead({ id: 'L-1', address: { street: '1 King St', city: 'Charleston', state: 'SC', zip: '29401', country: 'US' } }), lead({ id: 'L-2', address: null })]));
    const columns = ['street', 'city', 'state', 'zip', 'country'];
    const cells = (row: string[]) => columns.map((name) => row[rows[0].indexOf(name)]);
    assert.deepEqual(cells(rows[1]), ['1 King St', 'Charleston', 'SC', '29401', 'US']);
    assert.deepEqual(cells(rows[2]), ['', '', '', '', '']);
  });

  it('flattens emails and phones: the primary one, and all of them', () => {
    const row = readCsv(
      toCsv([
        lead({
          emails: [{ value: 'work@example.com' }, { value: 'main@example.com', isPrimary: true }],
          phones: [{ value: '843 555 0100' }, { value: '843 555 0199' }],
        }),
      ]),
    );
    const column = (name: string) => row[1][row[0].indexOf(name)];
    assert.equal(column('email'), 'main@example.com');
    assert.equal(column('emails'), 'work@example.com; main@example.com');
    assert.equal(column('phone'), '843 555 0100');
    assert.equal(column('phones'), '843 555 0100; 843 555 0199');
  });

  it('JSON export keeps the server objects, unknown fields included', () => {
    const parsed = JSON.parse(toJson([lead({ id: 'L-9', extra: { score: 3 } })]));
    assert.equal(parsed[0].id, 'L-9');
    assert.deepEqual(parsed[0].extra, { score: 3 });
  });
});
