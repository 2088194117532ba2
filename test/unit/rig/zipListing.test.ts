import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZipArchive } from '../../rig/zipListing';
import { ZipBuilder } from './zipBuilder';

describe('rig: reading a .vsix (ZIP) archive', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zip-listing-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function open(zip: ZipBuilder | Buffer): Promise<ZipArchive> {
    const file = path.join(dir, 'test.zip');
    await writeFile(file, zip instanceof ZipBuilder ? zip.build() : zip);
    return ZipArchive.open(file);
  }

  it('lists every member in archive order', async () => {
    const archive = await open(new ZipBuilder().add('extension.vsixmanifest', '<x/>').add('extension/dist/extension.js', 'code').add('[Content_Types].xml', '<t/>'));
    assert.deepEqual(archive.names(), ['extension.vsixmanifest', 'extension/dist/extension.js', '[Content_Types].xml']);
  });

  it('reads stored and deflated members back byte for byte', async () => {
    const json = JSON.stringify({ name: 'boomtown-vscode', padding: 'x'.repeat(500) });
    const archive = await open(new ZipBuilder().add('stored.txt', 'as is', { deflate: false }).add('extension/package.json', json, { deflate: true }));
    assert.equal(archive.read('stored.txt')?.toString(), 'as is');
    assert.equal(archive.read('extension/package.json')?.toString(), json);
  });

  it('answers undefined for a member the archive does not hold', async () => {
    const archive = await open(new ZipBuilder().add('a.txt', 'a'));
    assert.equal(archive.read('extension/readme.md'), undefined);
  });

  it('finds the directory behind an archive comment', async () => {
    const archive = await open(new ZipBuilder().add('a.txt', 'a').withComment('made by a test'));
    assert.deepEqual(archive.names(), ['a.txt']);
  });

  it('refuses a file that is not a ZIP archive', async () => {
    await assert.rejects(open(Buffer.from('not a zip at all, just text that is long enough')), /is not a ZIP archive/);
  });
});
