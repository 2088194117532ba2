import assert from 'node:assert/strict';
import { english } from '../../../src/core/shared/localize';

describe('english (the default localizer)', () => {
  const cases: Array<[name: string, message: string, args: Array<string | number>, expected: string]> = [
    ['no placeholders: the message as is', 'Load more…', [], 'Load more…'],
    ['one placeholder', 'By {0}', ['agent-7'], 'By agent-7'],
    ['a number argument', '{0} of the leads could not be read', [3], '3 of the leads could not be read'],
    ['placeholders in any order, repeated', '{1} then {0} then {1}', ['a', 'b'], 'b then a then b'],
    ['a placeholder without an argument stays as written', 'Stage: {0} {1}', ['new'], 'Stage: new {1}'],
    ['an argument that looks like a placeholder is not substituted again', 'Email: {0} ({1})', ['{1}', 'work'], 'Email: {1} (work)'],
    ['braces that are not a numbered placeholder stay', '{name} {} {0', ['x'], '{name} {} {0'],
    ['zero and empty-string arguments are substituted', '[{0}][{1}]', [0, ''], '[0][]'],
  ];
  for (const [name, message, args, expected] of cases) {
    it(name, () => assert.equal(english(message, ...args), expected));
  }
});
