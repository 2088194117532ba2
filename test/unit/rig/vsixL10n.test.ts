import assert from 'node:assert/strict';
import { compareContents, filesNamedByManifest } from '../../rig/run/vsixContents';

describe('rig: the .vsix and the runtime strings bundle', () => {
  it('requires l10n/bundle.l10n.json when package.json names an l10n folder, and allows its translations', () => {
    assert.ok(filesNamedByManifest({ main: './dist/extension.mjs', l10n: './l10n' }).includes('extension/l10n/bundle.l10n.json'));
    const base = ['[Content_Types].xml', 'extension.vsixmanifest', 'extension/package.json', 'extension/package.nls.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/dist/extension.mjs', 'extension/dist/THIRD_PARTY_NOTICES.txt'];
    const missing = compareContents(base, { l10n: './l10n' });
    assert.deepEqual(missing.missing, [{ file: 'extension/l10n/bundle.l10n.json', neededBy: 'package.json' }]);
    const shipped = compareContents([...base, 'extension/l10n/bundle.l10n.json', 'extension/l10n/bundle.l10n.de.json'], { l10n: './l10n' });
    assert.deepEqual([shipped.missing, shipped.unexpected], [[], []]);
  });
});
