import assert from 'node:assert/strict';
import { decideRateLimit, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter } from '../../../src/core/api/retryPolicy';

describe('retry policy', () => {
  const now = Date.parse('2026-09-01T12:00:00Z');

  describe('parseRetryAfter', () => {
    const cases: Array<[string | string[] | undefined, number | undefined]> = [
      [undefined, undefined],
      ['', undefined],
      ['7', 7],
      [' 12 ', 12],
      ['0', 0],
      [['3', '9'], 3],
      ['Tue, 01 Sep 2026 12:00:30 GMT', 30],
      ['Tue, 01 Sep 2026 12:00:00 GMT', 0],
      ['Tue, 01 Sep 2026 11:00:00 GMT', 0], // in the past: no wait
      ['Tue, 01 Sep 2026 12:00:00.400 GMT', 1], // rounded up: never early
      ['-5', undefined],
      ['1.5', undefined],
      ['soon', undefined],
    ];
    for (const [header, expected] of cases) {
      it(`${JSON.stringify(header)} -> ${expected}`, () => assert.equal(parseRetryAfter(header, now), expected));
    }
  });

  describe('decideRateLimit', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterSeconds: 60, maxRateLimitRetries: 2, defaultRetryAfterSeconds: 5 };
    it('waits what the server asked', () => assert.deepEqual(decideRateLimit(12, 0, policy), { wait: true, seconds: 12 }));
    it('waits a default when the server did not say', () => assert.deepEqual(decideRateLimit(undefined, 0, policy), { wait: true, seconds: 5 }));
    it('waits exactly the cap', () => assert.deepEqual(decideRateLimit(60, 0, policy), { wait: true, seconds: 60 }));
    it('gives up at once beyond the cap', () =>
      assert.deepEqual(decideRateLimit(61, 0, policy), { wait: false, retryAfterSeconds: 61, why: 'capExceeded' }));
    it('gives up when the waits are used up', () =>
      assert.deepEqual(decideRateLimit(1, 2, policy), { wait: false, retryAfterSeconds: 1, why: 'retriesExhausted' }));
  });

  it('retries only the transient 5xx statuses', () => {
    const retryable = [200, 400, 401, 404, 429, 500, 501, 502, 503, 504, 505].filter(isRetryableStatus);
    assert.deepEqual(retryable, [500, 502, 503, 504]);
  });
});
