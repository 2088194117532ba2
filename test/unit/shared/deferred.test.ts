import { strict as assert } from 'node:assert';
import { Deferred } from '../../../src/core/shared/deferred';

describe('Deferred', () => {
  it('makes the value on the first get(), once, and returns that same value after', async () => {
    let made = 0;
    const deferred = new Deferred('a value', () => ({ serial: ++made }));
    assert.equal(deferred.peek(), undefined);
    assert.equal(made, 0, 'nothing is made before it is asked for');
    const first = await deferred.get();
    assert.equal(await deferred.get(), first);
    assert.equal(deferred.peek(), first);
    assert.equal(made, 1);
  });

  it('callers that ask while an asynchronous make is under way share it: make runs once', async () => {
    let made = 0;
    const deferred = new Deferred('an imported value', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { serial: ++made };
    });
    const [a, b] = await Promise.all([deferred.get(), deferred.get()]);
    assert.equal(a, b);
    assert.equal(made, 1);
  });

  it('a make that throws is remembered: every later get() rejects with that error, make never runs twice', async () => {
    let attempts = 0;
    const failure = new Error('half-way');
    const deferred = new Deferred('a failing value', () => {
      attempts++;
      if (attempts === 1) throw failure;
      return 'made the second time';
    });
    await assert.rejects(deferred.get(), (error) => error === failure);
    await assert.rejects(deferred.get(), (error) => error === failure);
    assert.equal(deferred.peek(), undefined);
    assert.equal(attempts, 1);
  });

  it('a make that rejects is remembered the same way', async () => {
    let attempts = 0;
    const failure = new Error('the import failed');
    const deferred = new Deferred<string>('a failing import', async () => {
      attempts++;
      throw failure;
    });
    await assert.rejects(deferred.get(), (error) => error === failure);
    await assert.rejects(deferred.get(), (error) => error === failure);
    assert.equal(attempts, 1);
  });

  it('a make that asks for its own value fails naming it, instead of waiting for itself', async () => {
    const deferred: Deferred<number> = new Deferred('the circular value', async () => (await deferred.get()) + 1);
    await assert.rejects(deferred.get(), /the circular value was asked for while it was being made/);
  });

  it('whenMade listeners run once, after the value is made, whoever asked first; late listeners run at once', async () => {
    const deferred = new Deferred<string>('a value', () => 'made');
    const heard: string[] = [];
    deferred.whenMade((value) => heard.push(`early ${value}`));
    assert.equal(heard.length, 0, 'nothing runs before the value exists');
    await deferred.get();
    await deferred.get();
    deferred.whenMade((value) => heard.push(`late ${value}`));
    assert.deepEqual(heard, ['early made', 'late made']);
  });

  it('whenMade listeners of a value whose make failed never run', async () => {
    const deferred = new Deferred<number>('a failing value', () => {
      throw new Error('half-way');
    });
    const heard: number[] = [];
    deferred.whenMade((value) => heard.push(value));
    await assert.rejects(deferred.get());
    await assert.rejects(deferred.get());
    assert.equal(heard.length, 0);
  });
});
