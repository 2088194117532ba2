import assert from 'node:assert/strict';
import type http from 'node:http';
import { Agent, MockAgent } from 'undici';
import { discoverServer, ServerDiscovery } from '../../../../src/core/auth/flows/discovery';
import { silentLogger } from '../../../../src/core/shared/logger';
import { loopbackServer } from '../../../support/loopback';

/**
 * What discovery does with a server that answers badly at first, names the wrong issuer on one of
 * its candidate documents, or names plain-http endpoints while it is reached over https.
 */
describe('server discovery: late servers, one wrong candidate, downgraded endpoints', () => {
  const agent = new Agent();
  after(() => agent.close());

  it('reads again after a server that did not answer in time: the timeout is not kept for the window', async () => {
    let slow = true;
    const server = await loopbackServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      const answer = () =>
        req.url === '/.well-known/oauth-authorization-server'
          ? res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: server.url, token_endpoint: `${server.url}/token-here` }))
          : res.writeHead(404).end();
      if (slow) setTimeout(answer, 400);
      else answer();
    });
    try {
      const discovery = new ServerDiscovery({ dispatcher: agent, logger: silentLogger, timeoutMs: 150 });
      const first = await discovery.metadata(server.url);
      assert.deepEqual(first.source, { fallback: 'timeout' });
      slow = false;
      const second = await discovery.metadata(server.url);
      assert.equal(second.endpoints.token, `${server.url}/token-here`);
      assert.deepEqual(second.source, { document: `${server.url}/.well-known/oauth-authorization-server` });
    } finally {
      await server.close();
    }
  });

  it('skips a candidate document that names another issuer and uses the next one that names this server', async () => {
    const server = await loopbackServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      const base = server.url;
      const pages: Record<string, object> = {
        // The host's own document, path-inserted for the tenant, but naming the host (RFC 8414 §3.3 refuses it).
        '/.well-known/oauth-authorization-server/tenant': { issuer: base, token_endpoint: `${base}/host-token` },
        '/tenant/.well-known/openid-configuration': { issuer: `${base}/tenant`, token_endpoint: `${base}/tenant/token-here` },
      };
      const page = pages[req.url ?? ''];
      if (page) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
      else res.writeHead(404).end();
    });
    try {
      const metadata = await discoverServer({ dispatcher: agent, logger: silentLogger, timeoutMs: 2000 }, `${server.url}/tenant`);
      assert.equal(metadata.endpoints.token, `${server.url}/tenant/token-here`);
      assert.equal(metadata.issuer, `${server.url}/tenant`);
    } finally {
      await server.close();
    }
  });

  it('never takes a plain http endpoint from the metadata of a server reached over https', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get('https://auth.test')
      .intercept({ path: '/.well-known/oauth-authorization-server', method: 'GET' })
      .reply(200, {
        issuer: 'https://auth.test',
        authorization_endpoint: 'https://auth.test/authorize-here',
        token_endpoint: 'http://auth.test/token-here',
        revocation_endpoint: 'http://auth.test/revoke-here',
      });
    try {
      const metadata = await discoverServer({ dispatcher: mock, logger: silentLogger, timeoutMs: 2000 }, 'https://auth.test');
      assert.equal(metadata.endpoints.authorization, 'https://auth.test/authorize-here');
      assert.equal(metadata.endpoints.token, 'https://auth.test/oauth/token', 'the fixed path over https, not the http one');
      assert.equal(metadata.endpoints.revocation, 'https://auth.test/oauth/revoke');
      assert.deepEqual(metadata.discovered, ['authorization']);
    } finally {
      await mock.close();
    }
  });
});
