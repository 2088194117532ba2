import assert from 'node:assert/strict';
import type http from 'node:http';
import { Agent } from 'undici';
import { checkPkceSupport, discoverServer, ServerDiscovery, wellKnownUrls } from '../../../../src/core/auth/flows/discovery';
import type { BoomTownError } from '../../../../src/core/shared/errors';
import { silentLogger } from '../../../../src/core/shared/logger';
import { openWindow } from '../helpers/harness';
import { loopbackServer } from '../../../support/loopback';
import { startSandbox } from '../helpers/sandbox';
import { reasonOf } from '../helpers/outcomes';

/** A server answering GET paths from a table; everything else is a 404. It counts what it was asked. */
async function metadataServer(pages: (base: string) => Record<string, { status?: number; body: string; delayMs?: number }>) {
  const asked: string[] = [];
  let base = '';
  const server = await loopbackServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    asked.push(req.url ?? '');
    const page = pages(base)[req.url ?? ''];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    const answer = () => res.writeHead(page.status ?? 200, { 'content-type': 'application/json' }).end(page.body);
    if (page.delayMs) setTimeout(answer, page.delayMs);
    else answer();
  });
  base = server.url;
  return { ...server, asked };
}

const agent = new Agent();
after(() => agent.close());
const deps = (timeoutMs = 2000) => ({ dispatcher: agent, logger: silentLogger, timeoutMs });

function document(issuer: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    issuer,
    authorization_endpoint: `${issuer}/authorize-here`,
    token_endpoint: `${issuer}/token-here`,
    revocation_endpoint: `${issuer}/revoke-here`,
    device_authorization_endpoint: `${issuer}/device-here`,
    code_challenge_methods_supported: ['S256'],
    ...extra,
  });
}

describe('server discovery (RFC 8414 / OIDC Discovery)', () => {
  it('builds the path-inserted document URLs when authUrl has a path', () => {
    assert.deepEqual(wellKnownUrls('https://auth.test'), ['https://auth.test/.well-known/oauth-authorization-server', 'https://auth.test/.well-known/openid-configuration']);
    assert.deepEqual(wellKnownUrls('https://auth.test/tenant/a/'), [
      'https://auth.test/.well-known/oauth-authorization-server/tenant/a',
      'https://auth.test/.well-known/openid-configuration/tenant/a',
      'https://auth.test/tenant/a/.well-known/openid-configuration',
    ]);
  });

  it('reads the RFC 8414 document and uses every endpoint it names', async () => {
    const server = await metadataServer((base) => ({ '/.well-known/oauth-authorization-server': { body: document(base) } }));
    try {
      const metadata = await discoverServer(deps(), server.url);
      assert.equal(metadata.endpoints.authorization, `${server.url}/authorize-here`);
      assert.equal(metadata.endpoints.token, `${server.url}/token-here`);
      assert.equal(metadata.endpoints.revocation, `${server.url}/revoke-here`);
      assert.equal(metadata.endpoints.deviceAuthorization, `${server.url}/device-here`);
      assert.deepEqual(metadata.discovered, ['authorization', 'token', 'revocation', 'deviceAuthorization']);
      assert.equal(metadata.issuer, server.url);
      assert.deepEqual(metadata.codeChallengeMethods, ['S256']);
      assert.deepEqual(server.asked, ['/.well-known/oauth-authorization-server']);
    } finally {
      await server.close();
    }
  });

  it('falls back to the OpenID configuration, and keeps fixed paths for endpoints it leaves out', async () => {
    const server = await metadataServer((base) => ({ '/.well-known/openid-configuration': { body: JSON.stringify({ issuer: base, token_endpoint: `${base}/t` }) } }));
    try {
      const metadata = await discoverServer(deps(), server.url);
      assert.deepEqual(metadata.source, { document: `${server.url}/.well-known/openid-configuration` });
      assert.equal(metadata.endpoints.token, `${server.url}/t`);
      assert.equal(metadata.endpoints.authorization, `${server.url}/oauth/authorize`);
      assert.equal(metadata.endpoints.deviceAuthorization, undefined);
      assert.deepEqual(metadata.discovered, ['token']);
      assert.deepEqual(server.asked, ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']);
    } finally {
      await server.close();
    }
  });

  it('reads the path-inserted document of an authUrl with a path', async () => {
    const server = await metadataServer((base) => ({ '/.well-known/oauth-authorization-server/tenant': { body: document(`${base}/tenant`) } }));
    try {
      const metadata = await discoverServer(deps(), `${server.url}/tenant`);
      assert.equal(metadata.endpoints.token, `${server.url}/tenant/token-here`);
      assert.deepEqual(server.asked, ['/.well-known/oauth-authorization-server/tenant']);
    } finally {
      await server.close();
    }
  });

  it('uses the fixed paths, silently, when both documents are 404', async () => {
    const server = await metadataServer(() => ({}));
    try {
      const metadata = await discoverServer(deps(), server.url);
      assert.deepEqual(metadata.endpoints, { authorization: `${server.url}/oauth/authorize`, token: `${server.url}/oauth/token`, revocation: `${server.url}/oauth/revoke` });
      assert.deepEqual(metadata.discovered, []);
      assert.deepEqual(metadata.source, { fallback: 'notFound' });
    } finally {
      await server.close();
    }
  });

  it('uses the fixed paths for a malformed document', async () => {
    const server = await metadataServer(() => ({
      '/.well-known/oauth-authorization-server': { body: '<html>not json' },
      '/.well-known/openid-configuration': { body: JSON.stringify({ token_endpoint: 'https://elsewhere.test/t' }) },
    }));
    try {
      const metadata = await discoverServer(deps(), server.url);
      assert.deepEqual(metadata.source, { fallback: 'malformed' });
      assert.equal(metadata.endpoints.token, `${server.url}/oauth/token`);
    } finally {
      await server.close();
    }
  });

  it('refuses a document whose issuer is not the server it was read from (RFC 8414 §3.3), with a message naming both', async () => {
    const server = await metadataServer(() => ({ '/.well-known/oauth-authorization-server': { body: document('https://evil.test') } }));
    try {
      const refused = discoverServer(deps(), server.url);
      assert.equal(await reasonOf(refused), 'badInput');
      const error = await refused.then(() => undefined, (e: unknown) => e as Error);
      assert.match(String(error?.message), /evil\.test/);
      assert.match(String(error?.message), /boomtown\.authUrl/);
    } finally {
      await server.close();
    }
  });

  it('uses the fixed paths when the server is too slow, within the discovery timeout', async () => {
    const server = await metadataServer((base) => ({ '/.well-known/oauth-authorization-server': { body: document(base), delayMs: 1500 } }));
    try {
      const started = Date.now();
      const metadata = await discoverServer(deps(200), server.url);
      assert.ok(Date.now() - started < 1000, 'waited for the slow server');
      assert.deepEqual(metadata.source, { fallback: 'timeout' });
      assert.equal(metadata.endpoints.token, `${server.url}/oauth/token`);
    } finally {
      await server.close();
    }
  });

  it('keeps the fixed path for an endpoint that is not a web address (another scheme, or not a URL)', async () => {
    const server = await metadataServer((base) => ({
      '/.well-known/oauth-authorization-server': {
        body: JSON.stringify({ issuer: base, authorization_endpoint: 'javascript:alert(1)', token_endpoint: 'not a url', revocation_endpoint: 42, device_authorization_endpoint: 'ftp://x.test/d' }),
      },
    }));
    try {
      const metadata = await discoverServer(deps(), server.url);
      assert.deepEqual(metadata.endpoints, { authorization: `${server.url}/oauth/authorize`, token: `${server.url}/oauth/token`, revocation: `${server.url}/oauth/revoke`, deviceAuthorization: undefined });
      assert.deepEqual(metadata.discovered, []);
      assert.deepEqual(metadata.source, { document: `${server.url}/.well-known/oauth-authorization-server` });
    } finally {
      await server.close();
    }
  });

  it('a document listing no PKCE method at all is refused by the PKCE check, saying it lists none', async () => {
    const server = await metadataServer((base) => ({ '/.well-known/oauth-authorization-server': { body: document(base, { code_challenge_methods_supported: [] }) } }));
    try {
      const metadata = await discoverServer(deps(), server.url);
      const error = await Promise.resolve().then(() => checkPkceSupport(metadata)).then(() => undefined, (e: unknown) => e as BoomTownError);
      assert.equal(error?.reason, 'badInput');
      assert.match(String(error?.message), /it lists: none/);
    } finally {
      await server.close();
    }
  });

  it('cancelling while the document is read ends as cancelled, not as the fixed paths', async () => {
    const server = await metadataServer((base) => ({ '/.well-known/oauth-authorization-server': { body: document(base), delayMs: 1000 } }));
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      assert.equal(await reasonOf(discoverServer(deps(), server.url, controller.signal)), 'cancelled');
    } finally {
      await server.close();
    }
  });

  it('a discovery time already spent asks nothing and uses the fixed paths', async () => {
    const server = await metadataServer((base) => ({ '/.well-known/oauth-authorization-server': { body: document(base) } }));
    try {
      const metadata = await discoverServer(deps(0), server.url);
      assert.deepEqual(metadata.source, { fallback: 'timeout' });
      assert.equal(metadata.endpoints.token, `${server.url}/oauth/token`);
      assert.deepEqual(server.asked, []);
    } finally {
      await server.close();
    }
  });

  it('ServerDiscovery reads once per server, and again after forget() (boomtown.authUrl changed)', async () => {
    const server = await metadataServer((base) => ({ '/.well-known/oauth-authorization-server': { body: document(base) } }));
    try {
      const discovery = new ServerDiscovery(deps());
      assert.equal(server.asked.length, 0, 'read when made');
      await discovery.metadata(server.url);
      const again = await discovery.metadata(`${server.url}/`);
      assert.equal(server.asked.length, 1);
      assert.equal(again.endpoints.token, `${server.url}/token-here`);
      discovery.forget();
      await discovery.metadata(server.url);
      assert.equal(server.asked.length, 2);
    } finally {
      await server.close();
    }
  });

  it('ServerDiscovery does not keep a refused document: the next sign-in reads it again', async () => {
    const server = await metadataServer(() => ({ '/.well-known/oauth-authorization-server': { body: document('https://evil.test') } }));
    try {
      const discovery = new ServerDiscovery(deps());
      await assert.rejects(discovery.metadata(server.url));
      const readFirst = server.asked.length;
      await assert.rejects(discovery.metadata(server.url));
      assert.equal(server.asked.length, 2 * readFirst);
    } finally {
      await server.close();
    }
  });

  it('a window reads the metadata on its first sign-in, not when it is made or reads its sessions, and once for later sign-ins', async function () {
    this.timeout(30_000);
    const env = await startSandbox();
    const window = openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials });
    const metadataReads = () => Object.entries(env.sandbox.counters().byRoute).filter(([route]) => route.startsWith('GET /.well-known/')).reduce((sum, [, n]) => sum + n, 0);
    try {
      await window.service.getSessions(undefined);
      assert.equal(metadataReads(), 0, 'read before any sign-in');
      await window.signIn(['leads:read']);
      assert.equal(metadataReads(), 1);
      assert.equal((await window.core.discovery.metadata(env.sandbox.url)).issuer, env.sandbox.url);
      await window.signIn(['leads:read', 'leads:write']);
      assert.equal(metadataReads(), 1, 'read again for the second sign-in');
    } finally {
      window.close();
      await env.close();
    }
  });

  it('a window that never signed in (reloaded, or another window\'s session) reads the metadata before its first refresh and sign-out', async function () {
    this.timeout(30_000);
    const env = await startSandbox();
    const first = openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials });
    const second = openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials, secrets: first.secrets });
    const metadataReads = () => Object.entries(env.sandbox.counters().byRoute).filter(([route]) => route.startsWith('GET /.well-known/')).reduce((sum, [, n]) => sum + n, 0);
    try {
      const session = await first.signIn(['offline_access', 'leads:read']);
      first.close();
      assert.equal(metadataReads(), 1);
      env.sandbox.expireAccessTokens();
      const renewed = await second.service.forceRefresh(session.id, session.accessToken);
      assert.notEqual(renewed.accessToken, session.accessToken);
      assert.equal(metadataReads(), 2, 'the second window read the metadata before spending the refresh token');
      const tokenRequests = env.sandbox.counters().byGrant.refresh_token;
      await second.service.removeSession(session.id);
      assert.equal(metadataReads(), 2, 'read once per window');
      assert.equal(env.sandbox.counters().byGrant.refresh_token, tokenRequests);
    } finally {
      second.close();
      await env.close();
    }
  });
});
