import assert from 'node:assert/strict';
import { decideNext, DEFAULT_RETRY_POLICY, parseRetryAfter, type AttemptState, type SendDecision } from '../../../src/core/api/retryPolicy';

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

  describe('decideNext: what the send loop does after an attempt', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 3, maxRateLimitRetries: 2, maxRetryAfterSeconds: 60, defaultRetryAfterSeconds: 5 };
    const fresh = { withSession: true, refreshed: false, transientRetries: 0, rateLimitWaits: 0 };
    const reset = { retryable: true };
    const refused = { retryable: false };
    // [method, outcome, where the request stands, what next]
    const table: Array<[string, AttemptState['outcome'], Partial<AttemptState>, SendDecision]> = [
      ['GET', { status: 200 }, {}, { next: 'answer' }],
      ['POST', { status: 201 }, {}, { next: 'answer' }],
      ['GET', { status: 404 }, {}, { next: 'answer' }],
      ['GET', { status: 501 }, {}, { next: 'answer' }],
      ['GET', { status: 505 }, {}, { next: 'answer' }],
      ['GET', { status: 400 }, {}, { next: 'answer' }],
      // 401: one refresh with the session's token, then the session is over; a request's own Authorization is shown as it came.
      ['GET', { status: 401 }, {}, { next: 'refresh' }],
      ['POST', { status: 401 }, {}, { next: 'refresh' }],
      ['GET', { status: 401 }, { refreshed: true }, { next: 'endSession' }],
      ['PATCH', { status: 401 }, { refreshed: true }, { next: 'endSession' }],
      ['GET', { status: 401 }, { withSession: false }, { next: 'answer' }],
      // 429: any method waits what the server asked (or the default), up to the cap and the number of waits.
      ['GET', { status: 429, retryAfterSeconds: 7 }, {}, { next: 'wait', seconds: 7 }],
      ['GET', { status: 429, retryAfterSeconds: 12 }, {}, { next: 'wait', seconds: 12 }],
      ['GET', { status: 429, retryAfterSeconds: 60 }, {}, { next: 'wait', seconds: 60 }],
      ['POST', { status: 429 }, {}, { next: 'wait', seconds: 5 }],
      ['GET', { status: 429, retryAfterSeconds: 60 }, { rateLimitWaits: 1 }, { next: 'wait', seconds: 60 }],
      ['GET', { status: 429, retryAfterSeconds: 61 }, {}, { next: 'giveUp', retryAfterSeconds: 61, why: 'capExceeded' }],
      ['POST', { status: 429, retryAfterSeconds: 3600 }, {}, { next: 'giveUp', retryAfterSeconds: 3600, why: 'capExceeded' }],
      ['GET', { status: 429, retryAfterSeconds: 1 }, { rateLimitWaits: 2 }, { next: 'giveUp', retryAfterSeconds: 1, why: 'retriesExhausted' }],
      // 5xx and resets: repeated only for idempotent methods (RFC 9110 §9.2.2), up to maxRetries.
      ['GET', { status: 503 }, {}, { next: 'retry', retryNumber: 1 }],
      ['get', { status: 503 }, {}, { next: 'retry', retryNumber: 1 }],
      ['PUT', { status: 500 }, { transientRetries: 1 }, { next: 'retry', retryNumber: 2 }],
      ['DELETE', { status: 502 }, { transientRetries: 2 }, { next: 'retry', retryNumber: 3 }],
      ['HEAD', { status: 504 }, {}, { next: 'retry', retryNumber: 1 }],
      ['OPTIONS', { status: 503 }, {}, { next: 'retry', retryNumber: 1 }],
      ['GET', { status: 503 }, { transientRetries: 3 }, { next: 'answer' }],
      ['POST', { status: 503 }, {}, { next: 'answer' }],
      ['PATCH', { status: 502 }, {}, { next: 'answer' }],
      ['GET', reset, {}, { next: 'retry', retryNumber: 1 }],
      ['DELETE', reset, { transientRetries: 2 }, { next: 'retry', retryNumber: 3 }],
      ['GET', reset, { transientRetries: 3 }, { next: 'fail' }],
      ['POST', reset, {}, { next: 'fail' }],
      ['GET', refused, {}, { next: 'fail' }],
    ];
    for (const [method, outcome, state, expected] of table) {
      it(`${method} ${JSON.stringify(outcome)} ${JSON.stringify(state)} -> ${JSON.stringify(expected)}`, () =>
        assert.deepEqual(decideNext({ ...fresh, ...state, method, outcome }, policy), expected));
    }
  });
});
