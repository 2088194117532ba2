import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { compareContents, describeContents, inspectVsix, type ExtensionManifest } from '../../rig/run/vsixContents';

/** A manifest naming a bundle, an icon, a view container icon and one walkthrough page. */
function manifest(overrides: Partial<ExtensionManifest> = {}): ExtensionManifest {
  return {
    main: './dist/extension.mjs',
    icon: 'media/icon.png',
    contributes: {
      viewsContainers: { activitybar: [{ icon: 'media/boomtown.svg' }] },
      walkthroughs: [{ steps: [{ media: { markdown: 'media/walkthrough/signIn.md' } }] }],
    },
    ...overrides,
  };
}

/** Everything a well-made package of that manifest holds, named as in the archive. */
function goodPackage(): string[] {
  return [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/package.nls.json',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
    'extension/dist/extension.mjs',
    'extension/dist/THIRD_PARTY_NOTICES.txt',
    'extension/dist/authFeature-57QFUJBG.mjs',
    // The chunk of the imported OpenAPI document (named after boomtown.openapi.json) and the description worker.
    'extension/dist/boomtown.openapi-QR6IUFO7.mjs',
    'extension/dist/apiDescriptionWorker.mjs',
    'extension/media/icon.png',
    'extension/media/boomtown.svg',
    'extension/media/walkthrough/signIn.md',
  ];
}

const without = (files: string[], left: string) => files.filter((file) => file !== left);

describe('rig: what the .vsix may hold', () => {
  it('accepts a package holding exactly the shipped files', () => {
    const report = compareContents(goodPackage(), manifest());
    assert.deepEqual(describeContents(report), []);
  });

  it('rejects sources, source maps and tests that slipped past .vscodeignore', () => {
    const stray = ['extension/src/extension.ts', 'extension/dist/extension.mjs.map', 'extension/dist/extension.js', 'extension/dist/test/integration/index.js', 'extension/.env'];
    const report = compareContents([...goodPackage(), ...stray], manifest());
    assert.deepEqual(report.unexpected, [...stray].sort());
    assert.deepEqual(report.missing, []);
  });

  it('reports a file every package needs, such as the readme, when it is missing', () => {
    const report = compareContents(without(goodPackage(), 'extension/readme.md'), manifest());
    assert.deepEqual(report.missing, [{ file: 'extension/readme.md', neededBy: 'every package' }]);
  });

  it('reports a walkthrough page that package.json names but the package lacks', () => {
    const report = compareContents(without(goodPackage(), 'extension/media/walkthrough/signIn.md'), manifest());
    assert.deepEqual(report.missing, [{ file: 'extension/media/walkthrough/signIn.md', neededBy: 'package.json' }]);
  });

  it('allows walkthrough pages the manifest does not name, but no other media', () => {
    const report = compareContents([...goodPackage(), 'extension/media/walkthrough/extra.md', 'extension/media/screenshots/unused.png'], manifest());
    assert.deepEqual(report.unexpected, ['extension/media/screenshots/unused.png']);
  });

  describe('inspecting a built archive', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'vsix-contents-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    /** Written with yazl, the ZIP writer vsce itself uses. */
    async function writeVsix(files: Record<string, string>): Promise<string> {
      const zip = new ZipFile();
      for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
      zip.end();
      const file = path.join(dir, 'test.vsix');
      await pipeline(zip.outputStream, createWriteStream(file));
      return file;
    }

    it('reads the package.json inside the archive to know which files it names', async () => {
      const files = Object.fromEntries(goodPackage().map((name) => [name, '']));
      files['extension/package.json'] = JSON.stringify(manifest({ icon: 'media/other-icon.png' }));
      files['extension/src/extension.ts'] = 'export {}';

      const report = await inspectVsix(await writeVsix(files));
      assert.deepEqual(report.missing, [{ file: 'extension/media/other-icon.png', neededBy: 'package.json' }]);
      // The icon package.json no longer names is still an allowed media file; the source is not.
      assert.deepEqual(report.unexpected, ['extension/src/extension.ts']);
    });
  });
});
