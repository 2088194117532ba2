import assert from 'node:assert/strict';
import { backoffDelayMs } from '../../../src/core/shared/backoff';

// The exact (unjittered) form is tested with the failure memory that uses it (test/unit/auth/sessions).
describe('backoffDelayMs with jitter (the API client retries)', () => {
  const backoff = (random: number) => ({ baseMs: 500, maxMs: 8_000, random: () => random });
  const cases: Array<[retry: number, random: number, expected: number]> = [
    [1, 0, 250],
    [1, 1, 500],
    [2, 0.5, 750],
    [3, 1, 2_000],
    [10, 1, 8_000], // capped
    [10, 0, 4_000], // half of the cap is fixed
    [1, Number.NaN, 375], // a broken random source does not break the delay
  ];
  for (const [retry, random, expected] of cases) {
    it(`retry ${retry}, random ${random} -> ${expected} ms`, () => assert.equal(backoffDelayMs(retry, backoff(random)), expected));
  }
});
