import assert from 'node:assert/strict';
import { hostAndPath, needsConfirmation } from '../../../src/core/explorer/sendPolicy';

describe('which requests are confirmed first', () => {
  const TABLE: Array<[method: string, url: string, confirm: boolean]> = [
    ['GET', 'https://api.boomtownroi.com/v1/leads', false],
    ['HEAD', 'https://api.boomtownroi.com/v1/leads', false],
    ['OPTIONS', 'https://api.boomtownroi.com/v1/leads', false],
    ['POST', 'https://api.boomtownroi.com/v1/leads', true],
    ['PUT', 'https://api.boomtownroi.com/v1/leads/L-1', true],
    ['PATCH', 'https://api.boomtownroi.com/v1/leads/L-1', true],
    ['DELETE', 'https://api.boomtownroi.com/v1/leads/L-1', true],
    ['post', 'https://api.boomtownroi.com/v1/leads', true],
    ['POST', 'http://127.0.0.1:4711/v1/leads', false],
    ['POST', 'http://127.0.0.2:4711/v1/leads', false],
    ['DELETE', 'http://[::1]:4711/v1/leads/L-1', false],
    ['POST', 'http://localhost:4711/v1/leads', false],
    ['POST', 'http://sandbox.localhost:4711/v1/leads', false],
    ['POST', 'http://127.0.0.1.example.test/v1/leads', true],
    ['POST', 'http://vm:4711/v1/leads', true],
    ['POST', 'http://10.0.0.5/v1/leads', true],
  ];
  for (const [method, url, confirm] of TABLE) it(`${method} ${url} -> ${confirm ? 'confirm' : 'send'}`, () => assert.equal(needsConfirmation(method, url), confirm));

  it('recognises loopback hosts by their text only', () => {
    assert.ok(!needsConfirmation('POST', 'http://127.255.0.1/v1/leads'));
    assert.ok(needsConfirmation('POST', 'http://128.0.0.1/v1/leads'));
    assert.ok(needsConfirmation('POST', 'http://localhost.example.test/v1/leads'));
  });

  it('names host and path, never the query', () => assert.equal(hostAndPath('https://api.boomtownroi.com:8443/v1/leads?q=ada@example.com'), 'api.boomtownroi.com:8443/v1/leads'));
});
