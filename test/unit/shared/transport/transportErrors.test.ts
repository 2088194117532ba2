import assert from 'node:assert/strict';
import { errors } from 'undici';
import { classifyTransportError } from '../../../../src/core/shared/transport/transportErrors';
import { BoomTownError } from '../../../../src/core/shared/errors';

describe('classifyTransportError', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });
  const cases: Array<[name: string, error: unknown, aborted: boolean, reason: string, retryable: boolean]> = [
    ['connect timeout', new errors.ConnectTimeoutError(), false, 'timeout', true],
    ['headers timeout', new errors.HeadersTimeoutError(), false, 'timeout', true],
    ['body timeout', new errors.BodyTimeoutError(), false, 'timeout', true],
    ['socket closed by the other side', new errors.SocketError('other side closed'), false, 'network', true],
    ['connection reset', withCode('ECONNRESET'), false, 'network', true],
    ['connection refused', withCode('ECONNREFUSED'), false, 'network', true],
    ['unknown host', withCode('ENOTFOUND'), false, 'network', true],
    ['a code nested in the cause', Object.assign(new Error('fetch failed'), { cause: withCode('EHOSTUNREACH') }), false, 'network', true],
    ['the caller aborted', new errors.RequestAbortedError(), true, 'cancelled', false],
    ['a bad argument will fail again', new errors.InvalidArgumentError('bad'), false, 'network', false],
    ['something without a code', new Error('?'), false, 'network', false],
    ['an already typed error passes through', new BoomTownError('malformedResponse', 'too big'), false, 'malformedResponse', false],
  ];
  for (const [name, error, aborted, reason, retryable] of cases) {
    it(`${name} -> ${reason}${retryable ? ', retryable' : ''}`, () => {
      const failure = classifyTransportError(error, aborted);
      assert.equal(failure.error.reason, reason);
      assert.equal(failure.retryable, retryable);
    });
  }
});
