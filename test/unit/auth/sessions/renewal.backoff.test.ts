import assert from 'node:assert/strict';
import { FailureMemory } from '../../../../src/core/auth/sessions/renewal';
import { backoffDelayMs } from '../../../../src/core/shared/backoff';
import { BoomTownError } from '../../../../src/core/shared/errors';
import { FakeClock } from '../helpers/fakeClock';

describe('renewal backoff: the failure memory', () => {
  const policy = { baseMs: 1000, maxMs: 10_000 };

  it('backs off exponentially up to a cap, longer when the server asks', () => {
    const table: Array<[number, number | undefined, number]> = [
      [1, undefined, 1000],
      [2, undefined, 2000],
      [3, undefined, 4000],
      [5, undefined, 10_000],
      [50, undefined, 10_000],
      [1, 30, 30_000],
      [3, 1, 4000],
    ];
    for (const [failures, retryAfter, expected] of table) assert.equal(backoffDelayMs(failures, policy, retryAfter), expected, `${failures}/${retryAfter}`);
  });

  it('remembers the error until the back-off has passed, per session', () => {
    const clock = new FakeClock();
    const memory = new FailureMemory(clock, policy);
    const error = new BoomTownError('serverError', 'down');
    assert.equal(memory.record('s1', error), 1000);
    assert.equal(memory.blocked('s1'), error);
    assert.equal(memory.blocked('s2'), undefined);
    clock.advance(999);
    assert.equal(memory.blocked('s1'), error);
    clock.advance(1);
    assert.equal(memory.blocked('s1'), undefined);
    assert.equal(memory.record('s1', error), 2000);
    memory.clear('s1');
    assert.equal(memory.blocked('s1'), undefined);
    assert.equal(memory.record('s1', new Error('untyped')), 1000);
    assert.equal(memory.blocked('s1')?.reason, 'network');
  });
});
