import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { lazyDispatcher } from '../../../../src/core/shared/transport/lazyDispatcher';

describe('lazyDispatcher', () => {
  let server: Server;
  let origin: string;
  let made: Agent[];
  const create = async (): Promise<Dispatcher> => {
    // As the extension's does: the HTTP stack is imported first, so making takes a turn.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const agent = new Agent();
    made.push(agent);
    return agent;
  };

  before(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => (made = []));
  afterEach(async () => Promise.all(made.filter((agent) => !agent.closed).map((agent) => agent.close())));
  after(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('makes nothing until the first request, then one dispatcher for every request', async () => {
    const dispatcher = lazyDispatcher(create);
    assert.equal(made.length, 0);
    for (let i = 0; i < 2; i++) {
      const response = await dispatcher.request({ origin, path: '/', method: 'GET' });
      assert.equal(await response.body.text(), 'hello');
    }
    assert.equal(made.length, 1);
  });

  it('requests sent together before it is made share one dispatcher', async () => {
    const dispatcher = lazyDispatcher(create);
    const answers = await Promise.all([1, 2, 3].map(async () => (await dispatcher.request({ origin, path: '/', method: 'GET' })).body.text()));
    assert.deepEqual(answers, ['hello', 'hello', 'hello']);
    assert.equal(made.length, 1);
  });

  it('a failure to make it fails that request; the next request tries again', async () => {
    let attempts = 0;
    const dispatcher = lazyDispatcher(async () => {
      if (++attempts === 1) throw new Error('import failed');
      return create();
    });
    await assert.rejects(dispatcher.request({ origin, path: '/', method: 'GET' }), /import failed/);
    assert.equal(await (await dispatcher.request({ origin, path: '/', method: 'GET' })).body.text(), 'hello');
    assert.equal(attempts, 2);
  });

  it('answers the callback form of request and close', async () => {
    const dispatcher = lazyDispatcher(create);
    const text = await new Promise<string>((resolve, reject) =>
      dispatcher.request({ origin, path: '/', method: 'GET' }, (error, data) => (error ? reject(error) : resolve(data.body.text()))),
    );
    assert.equal(text, 'hello');
    await new Promise<void>((resolve) => dispatcher.close(() => resolve()));
    assert.equal(made[0].closed, true);
  });

  it('closes and destroys without making a dispatcher that was never used', async () => {
    const dispatcher = lazyDispatcher(create);
    await dispatcher.close();
    await dispatcher.destroy();
    await new Promise<void>((resolve) => dispatcher.close(() => resolve()));
    await new Promise<void>((resolve) => dispatcher.destroy(null, () => resolve()));
    assert.equal(made.length, 0);
  });

  it('closes the real dispatcher once it was made', async () => {
    const dispatcher = lazyDispatcher(create);
    await (await dispatcher.request({ origin, path: '/', method: 'GET' })).body.text();
    await dispatcher.close();
    assert.equal(made[0].closed, true);
  });

  it('is not taken for a promise (awaiting it makes nothing)', async () => {
    const dispatcher = lazyDispatcher(create);
    const awaited = await Promise.resolve(dispatcher);
    assert.equal(awaited, dispatcher);
    assert.equal(made.length, 0);
  });
});
