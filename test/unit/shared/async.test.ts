import assert from 'node:assert/strict';
import { SerialQueue, SingleFlight } from '../../../src/core/shared/async';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SingleFlight', () => {
  it('runs a key once for all concurrent callers, then fresh again', async () => {
    const flight = new SingleFlight<string, number>();
    let runs = 0;
    const task = async () => {
      runs += 1;
      await sleep(5);
      return runs;
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => flight.run('a', task)));
    assert.equal(runs, 1);
    assert.ok(results.every((r) => r === 1));
    // The settled run left no entry behind: the next caller starts a fresh run.
    assert.equal(await flight.run('a', task), 2);
  });

  it('keeps keys apart and shares failures', async () => {
    const flight = new SingleFlight<string, string>();
    const failing = flight.run('x', async () => Promise.reject(new Error('down')));
    const joined = flight.run('x', async () => 'never');
    const other = flight.run('y', async () => 'y');
    await assert.rejects(failing, /down/);
    await assert.rejects(joined, /down/);
    assert.equal(await other, 'y');
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order, past failures', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const a = queue.run(async () => {
      await sleep(10);
      order.push('a');
    });
    const b = queue.run(async () => {
      order.push('b');
      throw new Error('b failed');
    });
    const c = queue.run(async () => order.push('c'));
    await a;
    await assert.rejects(b, /b failed/);
    await c;
    assert.deepEqual(order, ['a', 'b', 'c']);
  });
});
