import assert from 'node:assert/strict';
import type http from 'node:http';
import { Agent } from 'undici';
import { checkPkceSupport, fixedEndpoints, type ServerMetadata } from '../../../../src/core/auth/flows/discovery';
import { expectedIssuer } from '../../../../src/core/auth/signIn';
import { TokenEndpoint } from '../../../../src/core/auth/tokenEndpoint';
import { silentLogger } from '../../../../src/core/shared/logger';
import { loopbackServer } from '../../../support/loopback';
import { reasonOf } from '../helpers/outcomes';

const credentials = { clientId: 'client-1', clientSecret: 'secret-1' };

function metadata(overrides: Partial<ServerMetadata> = {}): ServerMetadata {
  return { authUrl: 'https://auth.test/tenant', endpoints: fixedEndpoints('https://auth.test/tenant'), discovered: [], source: { fallback: 'notFound' }, ...overrides };
}

describe('what discovery changes for a sign-in and for existing sessions', () => {
  describe('refresh and revoke', () => {
    const agent = new Agent();
    after(() => agent.close());

    async function recordingServer() {
      const paths: string[] = [];
      const server = await loopbackServer((req: http.IncomingMessage, res: http.ServerResponse) => {
        paths.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'at-2', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-2' }));
      });
      return { ...server, paths };
    }

    it('go to the endpoints the server\'s metadata named when this window read it, else to the fixed paths', async () => {
      const server = await recordingServer();
      try {
        const known: { current?: { token: string; revocation: string } } = {};
        const endpoint = new TokenEndpoint({ dispatcher: agent, timeoutMs: 2000, revokeTimeoutMs: 2000, logger: silentLogger, now: Date.now, endpointsFor: async () => known.current });
        await endpoint.refresh({ authUrl: server.url, refreshToken: 'rt-1', credentials, previousScopes: ['leads:read'] });
        await endpoint.revoke({ authUrl: server.url, token: 'rt-2', hint: 'refresh_token', credentials });
        known.current = { token: `${server.url}/discovered/token`, revocation: `${server.url}/discovered/revoke` };
        await endpoint.refresh({ authUrl: server.url, refreshToken: 'rt-2', credentials, previousScopes: ['leads:read'] });
        await endpoint.revoke({ authUrl: server.url, token: 'rt-2', hint: 'refresh_token', credentials });
        assert.deepEqual(server.paths, ['/oauth/token', '/oauth/revoke', '/discovered/token', '/discovered/revoke']);
      } finally {
        await server.close();
      }
    });
  });

  describe('the issuer an iss on the callback must equal (RFC 9207)', () => {
    const table: Array<[string, Parameters<typeof expectedIssuer>[0], ServerMetadata | undefined, string]> = [
      ['boomtown.issuer set wins over the metadata', { authUrl: 'https://auth.test/tenant', apiUrl: 'https://api.test', issuer: 'https://set.test', sources: { issuer: 'setting' } }, metadata({ issuer: 'https://auth.test/tenant' }), 'https://set.test'],
      ['the metadata\'s issuer over the default', { authUrl: 'https://auth.test/tenant', apiUrl: 'https://api.test', issuer: 'https://auth.test', sources: { issuer: 'default' } }, metadata({ issuer: 'https://auth.test/tenant' }), 'https://auth.test/tenant'],
      ['the default without metadata', { authUrl: 'https://auth.test/tenant', apiUrl: 'https://api.test', issuer: 'https://auth.test', sources: { issuer: 'default' } }, metadata(), 'https://auth.test'],
      ['an issuer given without sources counts as set', { authUrl: 'https://auth.test', apiUrl: 'https://api.test', issuer: 'https://given.test' }, metadata({ issuer: 'https://auth.test' }), 'https://given.test'],
      ['nothing: the authUrl\'s origin', { authUrl: 'https://auth.test/tenant', apiUrl: 'https://api.test' }, undefined, 'https://auth.test'],
    ];
    for (const [name, endpoints, read, expected] of table) {
      it(name, () => assert.equal(expectedIssuer(endpoints, read), expected));
    }
  });

  describe('PKCE (code_challenge_methods_supported)', () => {
    it('accepts a server that lists S256 or lists nothing, and refuses one that lists only others', async () => {
      checkPkceSupport(metadata());
      checkPkceSupport(metadata({ codeChallengeMethods: ['plain', 'S256'] }));
      assert.equal(await reasonOf(Promise.resolve().then(() => checkPkceSupport(metadata({ codeChallengeMethods: ['plain'] })))), 'badInput');
    });
  });
});
