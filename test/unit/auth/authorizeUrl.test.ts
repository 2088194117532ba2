import assert from 'node:assert/strict';
import { buildAuthorizeUrl } from '../../../src/core/auth/authorizeUrl';

type AuthorizeRequest = Parameters<typeof buildAuthorizeUrl>[0];

function request(overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    authUrl: 'https://auth.example.test',
    clientId: 'client-1',
    redirectUri: 'vscode://boomtown-dev.boomtown-vscode/callback',
    scopes: ['leads:read'],
    state: 'state-value-123456',
    codeChallenge: 'challenge-value',
    ...overrides,
  };
}

function query(url: string): URLSearchParams {
  return new URL(url).searchParams;
}

describe('buildAuthorizeUrl', () => {
  it('asks for a code with the client, redirect, state and an S256 challenge', () => {
    const url = buildAuthorizeUrl(request());
    assert.ok(url.startsWith('https://auth.example.test/oauth/authorize?'));
    const q = query(url);
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('client_id'), 'client-1');
    assert.equal(q.get('redirect_uri'), 'vscode://boomtown-dev.boomtown-vscode/callback');
    assert.equal(q.get('state'), 'state-value-123456');
    assert.equal(q.get('code_challenge'), 'challenge-value');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.equal(q.has('login_hint'), false);
  });

  it('adds offline_access to the requested scopes, deduplicated and space separated', () => {
    const table: Array<[string[], string]> = [
      [['leads:read'], 'leads:read offline_access'],
      [['leads:read', 'leads:read', ' agents:read '], 'leads:read agents:read offline_access'],
      [['offline_access', 'leads:read'], 'offline_access leads:read'],
      [[], 'offline_access'],
    ];
    for (const [scopes, expected] of table) assert.equal(query(buildAuthorizeUrl(request({ scopes }))).get('scope'), expected);
  });

  it('encodes a redirect URI carrying its own encoded query exactly once', () => {
    const redirectUri = 'https://code.example.test/callback?vscode-reqid=1&vscode-query=code%3D%26state%3D&x=a%20b';
    const url = buildAuthorizeUrl(request({ redirectUri }));
    assert.equal(query(url).get('redirect_uri'), redirectUri);
    const rawParameter = url.slice(url.indexOf('?') + 1).split('&').find((pair) => pair.startsWith('redirect_uri='));
    assert.equal(rawParameter, new URLSearchParams({ redirect_uri: redirectUri }).toString());
    assert.ok(!url.includes('%2525'), 'double encoded');
  });

  it('passes the wanted account as login_hint', () => {
    assert.equal(query(buildAuthorizeUrl(request({ loginHint: 'ada@example.com' }))).get('login_hint'), 'ada@example.com');
  });

  it('keeps a base path and drops a trailing slash of the auth URL', () => {
    assert.ok(buildAuthorizeUrl(request({ authUrl: 'http://127.0.0.1:9/auth/' })).startsWith('http://127.0.0.1:9/auth/oauth/authorize?'));
  });
});
