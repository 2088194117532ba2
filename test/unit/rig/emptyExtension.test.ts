import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const readManifest = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8'));

/**
 * The empty extension is the floor of the activation figures only if VS Code activates it in the same
 * activation as ours at every startup: a restored window activates ours by its view before
 * onStartupFinished, while the workbench is still busy restoring, and a floor activated later would
 * make ours look three times as slow.
 */
describe('the rig\'s empty extension (the floor of the activation figures)', () => {
  const ours = readManifest('package.json');
  const empty = readManifest('test/rig/empty/package.json');

  it('is activated by every event that can activate ours as a window starts: its activation events and its views', () => {
    const views: string[] = Object.values(ours.contributes.views as Record<string, { id: string }[]>).flat().map((view) => `onView:${view.id}`);
    const startupEvents = [...ours.activationEvents, ...views];
    assert.ok(views.length > 0, 'the manifest contributes no view');
    assert.deepEqual(startupEvents.filter((event: string) => !empty.activationEvents.includes(event)), []);
  });

  it('loads the same way as ours: an ES module main with a one-line activate', () => {
    assert.match(ours.main, /\.mjs$/);
    assert.match(empty.main, /\.mjs$/);
    assert.equal(readFileSync(path.join(repoRoot, 'test/rig/empty', empty.main), 'utf8').trim(), 'export function activate() {}');
  });
});
