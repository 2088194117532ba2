import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';

/** Core translates with @vscode/l10n: what it relies on, English (no bundle) and translated. */
describe('l10n.t (@vscode/l10n), as core uses it', () => {
  const cases: Array<[name: string, message: string, args: Array<string | number>, expected: string]> = [
    ['no placeholders: the message as is', 'Load more…', [], 'Load more…'],
    ['no arguments: placeholders stay, for a template filled later', 'Only requests to {0} carry the BoomTown session.', [], 'Only requests to {0} carry the BoomTown session.'],
    ['one placeholder', 'By {0}', ['agent-7'], 'By agent-7'],
    ['a number argument', '{0} of the leads could not be read', [3], '3 of the leads could not be read'],
    ['placeholders in any order, repeated', '{1} then {0} then {1}', ['a', 'b'], 'b then a then b'],
    ['a placeholder without an argument stays as written', 'Stage: {0} {1}', ['new'], 'Stage: new {1}'],
    ['an argument that looks like a placeholder is not substituted again', 'Email: {0} ({1})', ['{1}', 'work'], 'Email: {1} (work)'],
    ['braces that are not a numbered placeholder stay', '{name} {} {0', ['x'], '{name} {} {0'],
    ['zero and empty-string arguments are substituted', '[{0}][{1}]', [0, ''], '[0][]'],
  ];
  for (const [name, message, args, expected] of cases) {
    it(name, () => assert.equal(l10n.t(message, ...args), expected));
  }

  describe('with a bundle, as activate() hands over vscode.l10n.bundle', () => {
    before(() => l10n.config({ contents: { 'By {0}': 'Von {0}', 'Load more…': 'Mehr laden…' } }));
    after(() => l10n.config({ contents: {} }));

    it('looks the English message up and fills the translation', () => {
      assert.equal(l10n.t('By {0}', '{0}'), 'Von {0}');
      assert.equal(l10n.t('Load more…'), 'Mehr laden…');
    });
    it('a message the bundle lacks stays English', () => assert.equal(l10n.t('Stage: {0}', 'new'), 'Stage: new'));
  });
});
