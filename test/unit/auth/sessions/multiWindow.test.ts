import assert from 'node:assert/strict';
import { openWorld } from '../helpers/windowRace';

/**
 * The multi-window harness (the bench runs 100 races per row): 2 to 4 windows, one shared secret
 * store whose every operation takes the given time, the sandbox rotating with reuse detection.
 * No race may lose the session or spend a refresh token twice, however slow the store.
 */
const ROWS: Array<{ name: string; latencyMs: () => number }> = [
  { name: '0 ms', latencyMs: () => 0 },
  { name: '200 ms', latencyMs: () => 200 },
  { name: 'random 0–400 ms', latencyMs: () => Math.random() * 400 },
];

describe('windows racing to renew over a slow shared secret store (file lock, sandbox with rotation + reuse detection)', function () {
  this.timeout(120_000);
  for (const row of ROWS) {
    for (const windows of [2, 3, 4]) {
      it(`${windows} windows, ${row.name} per secret operation: 2 races, nothing lost, one refresh each`, async () => {
        const world = await openWorld({ windows, latencyMs: row.latencyMs });
        try {
          for (let round = 0; round < 2; round++) {
            const result = await world.race();
            assert.equal(result.problem, undefined, `race ${round}`);
            assert.equal(result.refreshRequests, 1, `race ${round}: refresh requests`);
          }
        } finally {
          await world.close();
        }
      });
    }
  }

  it('the SecretStorage lease alone (windows sharing only secrets) also keeps the chain at 200 ms per operation', async () => {
    const world = await openWorld({ windows: 3, latencyMs: () => 200, lock: 'lease' });
    try {
      for (let round = 0; round < 2; round++) {
        const result = await world.race();
        assert.equal(result.problem, undefined, `race ${round}`);
        assert.equal(result.refreshRequests, 1, `race ${round}: refresh requests`);
      }
    } finally {
      await world.close();
    }
  });
});
