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

  it('a make that throws is remembered: every later get() throws that error, make never runs twice', () => {
    let attempts = 0;
    const failure = new Error('half-way');
    const deferred = new Deferred('a failing value', () => {
      attempts++;
      if (attempts === 1) throw failure;
      return 'made the second time';
    });
    assert.throws(() => deferred.get(), (error) => error === failure);
    assert.throws(() => deferred.get(), (error) => error === failure);
    assert.equal(deferred.peek(), undefined);
    assert.equal(attempts, 1);
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

  it('whenMade listeners of a value whose make failed never run', () => {
    const deferred = new Deferred<number>('a failing value', () => {
      throw new Error('half-way');
    });
    const heard: number[] = [];
    deferred.whenMade((value) => heard.push(value));
    assert.throws(() => deferred.get());
    assert.throws(() => deferred.get());
    assert.equal(heard.length, 0);
  });
});
