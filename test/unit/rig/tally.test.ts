import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addTallies, forgetTally, recordTally, takeTally, tallyLine, type RecordedTally } from '../../rig/tally';

function recorded(overrides: Partial<RecordedTally> = {}): RecordedTally {
  return { passed: 17, failed: 0, skipped: 0, label: 'the rig run of the development folder', finishedAt: '2025-01-01T00:00:00.000Z', ...overrides };
}

describe('rig: counts carried from one run to the next', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rig-tally-'));
    file = path.join(dir, 'nested', 'rig-tally.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hands recorded counts to exactly one later run', async () => {
    await recordTally(file, recorded({ passed: 16, failed: 1, skipped: 2 }));
    assert.deepEqual(await takeTally(file), recorded({ passed: 16, failed: 1, skipped: 2 }));
    assert.equal(await takeTally(file), undefined, 'taken twice: the counts would be added to two totals');
  });

  it('answers undefined when nothing was recorded', async () => {
    assert.equal(await takeTally(path.join(dir, 'none.json')), undefined);
  });

  it('forgets a record, so a run that dies before recording hands on nothing', async () => {
    await recordTally(file, recorded());
    await forgetTally(file);
    assert.equal(existsSync(file), false);
  });

  it('refuses a record without valid counts rather than adding zero', async () => {
    await recordTally(file, recorded());
    await writeFile(file, JSON.stringify({ passed: 3, failed: -1, label: 'x' }));
    await assert.rejects(takeTally(file), /does not hold a tally/);
  });

  it('adds counts and prints them as the closing line', () => {
    const total = addTallies({ passed: 16, failed: 0, skipped: 0 }, { passed: 14, failed: 1, skipped: 0 });
    assert.equal(tallyLine(total), '30 passed, 1 failed');
    assert.equal(tallyLine(addTallies(total, { passed: 0, failed: 0, skipped: 2 })), '30 passed, 1 failed, 2 skipped');
  });
});
