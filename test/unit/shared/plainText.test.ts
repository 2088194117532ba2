import assert from 'node:assert/strict';
import { multiLine, safeMessage, singleLine } from '../../../src/core/shared/plainText';
import { INJECTIONS, liveMarkup } from '../helpers/liveMarkup';

describe('display text', () => {
  describe('singleLine', () => {
    const cases: Array<[name: string, input: unknown, expected: string]> = [
      ['plain text', 'Ada Nguyen', 'Ada Nguyen'],
      ['markup stays visible text (it is never rendered)', '<b>Bold</b> & "Quoted"', '<b>Bold</b> & "Quoted"'],
      ['newlines and tabs become single spaces', 'a\n\tb\r\n  c', 'a b c'],
      ['control characters are removed', 'a\u0000b\u0007c\u001bd\u007fe\u0085f', 'abcdef'],
      ['bidi overrides and isolates are removed', 'Referral \u202Etxt.exe \u2066x\u2069', 'Referral txt.exe x'],
      ['zero-width spaces and the BOM are removed', '\ufeffA\u200bB', 'AB'],
      ['right-to-left text itself is kept', 'مريم כהן', 'مريم כהן'],
      ['emoji with joiners are kept whole', 'Family 👨‍👩‍👧 🏠', 'Family 👨‍👩‍👧 🏠'],
      ['line and paragraph separators become spaces', 'a\u2028b\u2029c', 'a b c'],
      ['a lone surrogate becomes the replacement character', 'a\ud800b', 'a\ufffdb'],
      ['null', null, ''],
      ['undefined', undefined, ''],
      ['a number', 42, '42'],
      ['an object is not text', { toString: () => 'x' }, ''],
      ['only whitespace', ' \n\t ', ''],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => assert.equal(singleLine(input, 200), expected));
    }

    it('shortens a 10,000-character field to the limit with an ellipsis', () => {
      const text = singleLine('word '.repeat(2000), 80);
      assert.ok(text.length <= 80);
      assert.ok(text.endsWith('…'));
    });
  });

  describe('cutting to a length (singleLine with a limit)', () => {
    const cases: Array<[input: string, max: number, expected: string]> = [
      ['short', 10, 'short'],
      ['exactly ten', 11, 'exactly ten'],
      ['abcdefghij', 5, 'abcd…'],
      // '😀' is two UTF-16 units: never cut in half.
      ['ab😀cd', 4, 'ab…'],
      ['ab😀cd', 5, 'ab😀…'],
      // A joined emoji sequence is one character to the reader: kept whole or dropped whole.
      ['x👨‍👩‍👧y', 6, 'x…'],
      ['trailing space here', 10, 'trailing…'],
      ['anything', 0, ''],
    ];
    for (const [input, max, expected] of cases) {
      it(`${JSON.stringify(input)} at ${max} -> ${JSON.stringify(expected)}`, () => {
        const out = singleLine(input, max);
        assert.equal(out, expected);
        assert.ok(out.length <= max);
        assert.ok(!/[\ud800-\udbff]$|^[\udc00-\udfff]/.test(out.replace('…', '')));
      });
    }
  });

  describe('multiLine', () => {
    it('cleans each line, drops empty ones, keeps line breaks between them', () => {
      assert.equal(multiLine(['Name\u202E', '', null, 'a\r\nb', '  x  y ']), 'Name\na\nb\nx y');
    });
    it('bounds the whole text', () => {
      const text = multiLine(['x'.repeat(400), 'y'.repeat(400)], 500);
      assert.equal(text.length, 500);
      assert.ok(text.endsWith('…'));
    });
  });

  describe('safeMessage', () => {
    it('escapes what notifications and markdown read as markup, so no link, image, tag or code span forms', () => {
      assert.equal(safeMessage('[Open](command:workbench.action.openSettings)'), '\\[Open\\]\\(command:workbench.action.openSettings\\)');
      assert.equal(safeMessage('a <b> `c` !d \\e'), 'a \\<b\\> \\`c\\` \\!d \\\\e');
      for (const injection of INJECTIONS) assert.deepEqual(liveMarkup(safeMessage(injection)), [], injection);
    });
    it('the check finds live markup in the text as it came', () => {
      for (const injection of INJECTIONS) assert.notDeepEqual(liveMarkup(injection), [], injection);
    });
    it('keeps ordinary text as it is', () => {
      assert.equal(safeMessage('jane.doe+crm@example.com'), 'jane.doe+crm@example.com');
      assert.equal(safeMessage('[x] \n (y)'), '\\[x\\] \\(y\\)');
    });
    it('cuts before escaping: no dangling backslash', () => {
      const text = safeMessage('['.repeat(500), 200);
      assert.match(text, /^(\\\[)+…$/);
    });
    it('is short', () => assert.ok(safeMessage('m'.repeat(5000)).length <= 200));
  });
});
