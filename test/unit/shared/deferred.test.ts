import { strict as assert } from 'node:assert';
import { Deferred } from '../../../src/core/shared/deferred';

describe('Deferred', () => {
  it('makes the value on the first get(), once, and returns that same value after', () => {
    let made = 0;
    const deferred = new Deferred('a value', () => ({ serial: ++made }));
    assert.equal(deferred.peek(), undefined);
    assert.equal(made, 0, 'nothing is made before it is asked for');
    const first = deferred.get();
    assert.equal(deferred.get(), first);
    assert.equal(deferred.peek(), first);
    assert.equal(made, 1);
  });

  it('a make that throws is not remembered: the caller gets the error, the next get() tries again', () => {
    let attempts = 0;
    const deferred = new Deferred('a flaky value', () => {
      attempts++;
      if (attempts === 1) throw new Error('not yet');
      return 'made';
    });
    assert.throws(() => deferred.get(), /not yet/);
    assert.equal(deferred.peek(), undefined);
    assert.equal(deferred.get(), 'made');
    assert.equal(attempts, 2);
  });

  it('a make that asks for its own value fails naming it, instead of recursing', () => {
    const deferred: Deferred<number> = new Deferred('the circular value', () => deferred.get() + 1);
    assert.throws(() => deferred.get(), /the circular value was asked for while it was being made/);
  });

  it('whenMade listeners run once, after the value is made, whoever asked first; late listeners run at once', () => {
    const deferred = new Deferred<string>('a value', () => 'made');
    const heard: string[] = [];
    deferred.whenMade((value) => heard.push(`early ${value}`));
    assert.equal(heard.length, 0, 'nothing runs before the value exists');
    deferred.get();
    deferred.get();
    deferred.whenMade((value) => heard.push(`late ${value}`));
    assert.deepEqual(heard, ['early made', 'late made']);
  });

  it('whenMade listeners wait through a failed make and run on the one that succeeds', () => {
    let attempts = 0;
    const deferred = new Deferred('a flaky value', () => {
      if (++attempts === 1) throw new Error('not yet');
      return attempts;
    });
    const heard: number[] = [];
    deferred.whenMade((value) => heard.push(value));
    assert.throws(() => deferred.get());
    assert.deepEqual(heard, []);
    deferred.get();
    assert.deepEqual(heard, [2]);
  });
});
