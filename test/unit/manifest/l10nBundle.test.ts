import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scanBundle, serialize } from '../../l10n/bundle';

const root = path.join(__dirname, '..', '..', '..');

/** `npm run l10n:check` is what CI runs; this says the same in the unit suite, with the reason. */
describe('l10n/bundle.l10n.json', function () {
  this.timeout(60_000);
  let scan: Awaited<ReturnType<typeof scanBundle>>;
  before(async () => (scan = await scanBundle()));

  it('is named by package.json and is what @vscode/l10n-dev finds in src/ now', async () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
    const { bundle, unmarked } = scan;
    assert.deepEqual(unmarked, []);
    assert.equal(readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'), serialize(bundle), 'stale: run `npm run l10n`');
  });

  it('holds the messages of the core (l10n.t from @vscode/l10n), the failure table\'s included', async () => {
    const { bundle } = scan;
    for (const message of ['Loading leads…', "Can't reach BoomTown", 'Sign in to BoomTown first.', 'This answer has no next page.', 'Only paths under {0} are allowed.', 'The sign-in server denied the request (access_denied) and gave no reason.']) {
      assert.ok(message in bundle, message);
    }
  });
});
