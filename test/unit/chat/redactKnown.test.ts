import assert from 'node:assert/strict';
import { Redactor } from '../../../src/core/shared/redact';

/** Chat answers are data: only the registered secrets are masked, never words that look like keys. */
describe('Redactor.redactKnown, for chat answers', () => {
  it('masks a registered token, also URL-encoded, and leaves lead data alone', () => {
    const redactor = new Redactor();
    redactor.add('at_sandbox+token/123');
    const text = '{"state": "SC", "code": "29401", "note": "Basic requirements"} at_sandbox+token/123 at_sandbox%2Btoken%2F123';
    assert.equal(redactor.redactKnown(text), '{"state": "SC", "code": "29401", "note": "Basic requirements"} *** ***');
    // The logging path still masks the shapes too.
    assert.match(redactor.redact(text), /"state": "\*\*\*"/);
  });
});
