import assert from 'node:assert/strict';
import { RequestHistory } from '../../../src/core/explorer/requestHistory';
import { anExchange } from './helpers/exchanges';
import { MemoryState } from '../helpers/memoryState';

describe('request history', () => {
  it('keeps the newest exchanges first, up to its limit', async () => {
    const history = new RequestHistory(new MemoryState(), { keep: 3, maxBodyChars: 100 });
    for (let i = 1; i <= 5; i++) await history.add(anExchange({ id: `x-${i}` }));
    assert.deepEqual(history.list().map((r) => r.id), ['x-5', 'x-4', 'x-3']);
    assert.equal(history.get('x-1'), undefined);
  });

  it('cuts long bodies and says where', async () => {
    const history = new RequestHistory(new MemoryState(), { keep: 3, maxBodyChars: 10 });
    await history.add(anExchange({ request: { body: 'x'.repeat(50) }, response: { bodyText: 'y'.repeat(50) } }));
    const [record] = history.list();
    assert.equal(record.request.body, 'x'.repeat(10));
    assert.equal(record.response.bodyText, 'y'.repeat(10));
    assert.equal(record.response.cutAt, 10);
    assert.equal(record.response.bytes, 50);
  });

  it('tells listeners, and clears', async () => {
    const history = new RequestHistory(new MemoryState());
    let told = 0;
    history.onDidChange(() => told++);
    await history.add(anExchange());
    await history.clear();
    assert.equal(told, 2);
    assert.deepEqual(history.list(), []);
  });

  it('ignores what it cannot read back from the state', async () => {
    const state = new MemoryState();
    await state.update('boomtown.requestHistory.v1', [{ id: 1 }, null, 'x', anExchange({ id: 'ok' })]);
    assert.deepEqual(new RequestHistory(state).list().map((r) => r.id), ['ok']);
    await state.update('boomtown.requestHistory.v1', { not: 'a list' });
    assert.deepEqual(new RequestHistory(state).list(), []);
  });
});
