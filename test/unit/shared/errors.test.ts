import { strict as assert } from 'node:assert';
import { BoomTownError, isBoomTownError, isCancellation, userFacingError } from '../../../src/core/shared/errors';

describe('typed errors', () => {
  it('userFacingError keeps a translatable template and formats the English message', () => {
    const error = userFacingError('badInput', 'Only requests to {0} are allowed.', ['https://api.example']);
    assert.equal(error.reason, 'badInput');
    assert.equal(error.message, 'Only requests to https://api.example are allowed.');
    assert.deepEqual(error.template, { text: 'Only requests to {0} are allowed.', args: ['https://api.example'] });
  });

  it('never reads placeholders out of the data', () => {
    const error = userFacingError('badInput', 'No lead named {0}.', ['{1} {0}']);
    assert.equal(error.message, 'No lead named {1} {0}.');
    assert.equal(error.template?.text, 'No lead named {0}.');
  });

  it('classifies by reason, never by message', () => {
    const table: Array<[BoomTownError, boolean]> = [
      [new BoomTownError('cancelled', 'x'), true],
      [new BoomTownError('network', 'cancelled'), false],
      [new BoomTownError('timeout', 'x'), false],
      [new BoomTownError('invalidGrant', 'network'), false],
    ];
    for (const [error, cancelled] of table) assert.equal(isCancellation(error), cancelled, error.reason);
    assert.equal(isBoomTownError(new Error('timeout')), false);
    assert.equal(isBoomTownError(new BoomTownError('timeout', 'x'), 'timeout'), true);
  });
});
