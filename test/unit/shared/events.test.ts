import assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/shared/events';

describe('Emitter', () => {
  it('delivers to every listener until it is disposed', () => {
    const emitter = new Emitter<number>();
    const a: number[] = [];
    const b: number[] = [];
    const subscription = emitter.event((v) => a.push(v));
    emitter.event((v) => b.push(v));
    emitter.fire(1);
    subscription.dispose();
    emitter.fire(2);
    assert.deepEqual(a, [1]);
    assert.deepEqual(b, [1, 2]);
  });

  it('keeps going when a listener throws', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    emitter.event(() => {
      throw new Error('bad listener');
    });
    emitter.event((v) => seen.push(v));
    assert.doesNotThrow(() => emitter.fire('x'));
    assert.deepEqual(seen, ['x']);
  });

  it('drops every listener on dispose', () => {
    const emitter = new Emitter<void>();
    let calls = 0;
    emitter.event(() => calls++);
    emitter.dispose();
    emitter.fire();
    assert.equal(calls, 0);
  });

  it('lets a listener unsubscribe another during a fire without skipping it this time', () => {
    const emitter = new Emitter<void>();
    const calls: string[] = [];
    let second = { dispose() {} };
    emitter.event(() => {
      calls.push('first');
      second.dispose();
    });
    second = emitter.event(() => calls.push('second'));
    emitter.fire();
    emitter.fire();
    assert.deepEqual(calls, ['first', 'second', 'first']);
  });
});
