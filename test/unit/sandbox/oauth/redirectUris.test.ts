import assert from 'node:assert/strict';
import { appendQuery, cspSourceFor, defaultClient, isRegisteredRedirectUri, withoutLoopbackPort } from '../../../sandbox/oauth/clients';

const codeServerCallback = (host: string) =>
  `${host}/stable-2f1b3c4d/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=boomtown-dev.boomtown-vscode&vscode-path=%2Fcallback&vscode-query=`;

describe('sandbox redirect URI rules', () => {
  const client = defaultClient();

  const accepted = [
    'vscode://boomtown-dev.boomtown-vscode/callback',
    'vscode-insiders://boomtown-dev.boomtown-vscode/callback',
    'code-oss://boomtown-dev.boomtown-vscode/callback',
    'http://127.0.0.1/callback',
    'http://127.0.0.1:53117/callback',
    codeServerCallback('http://127.0.0.1:8080'),
    codeServerCallback('http://127.0.0.2:8080'),
    codeServerCallback('http://localhost:8080'),
    codeServerCallback('https://code.example.com'),
    'http://127.0.0.1:8080/callback?vscode-query=state%3Dabc',
  ];
  for (const uri of accepted) {
    it(`accepts ${uri}`, () => assert.equal(isRegisteredRedirectUri(client, uri), true));
  }

  const refused = [
    'vscode://boomtown-dev.boomtown-vscode/callback/', // not the identical string
    'VSCODE://boomtown-dev.boomtown-vscode/callback',
    'vscode://someone-else.extension/callback',
    'http://127.0.0.1:53117/other',
    'http://evil.example/callback', // http to a non-loopback host
    'https://evil.example/callback#fragment',
    'http://127.0.0.1:53117/callback#x',
    'javascript:alert(1)//callback',
  ];
  for (const uri of refused) {
    it(`refuses ${uri}`, () => assert.equal(isRegisteredRedirectUri(client, uri), false));
  }

  it('ignores the port of loopback URIs only', () => {
    assert.equal(withoutLoopbackPort('http://127.0.0.1:1234/callback?x=1'), 'http://127.0.0.1/callback?x=1');
    assert.equal(withoutLoopbackPort('http://[::1]:1234/callback'), 'http://[::1]/callback');
    assert.equal(withoutLoopbackPort('http://example.com:1234/callback'), undefined);
    assert.equal(withoutLoopbackPort('https://127.0.0.1:1234/callback'), undefined);
  });

  it('appends the code with ? or & depending on the query already there', () => {
    assert.equal(appendQuery('vscode://a.b/callback', { code: 'c 1', state: 's&2' }), 'vscode://a.b/callback?code=c+1&state=s%262');
    assert.equal(appendQuery('http://127.0.0.1:1/cb?vscode-query=state%3Dx', { code: 'c' }), 'http://127.0.0.1:1/cb?vscode-query=state%3Dx&code=c');
    assert.equal(appendQuery('http://127.0.0.1:1/cb?', { code: 'c' }), 'http://127.0.0.1:1/cb?code=c');
    assert.equal(appendQuery('http://127.0.0.1:1/cb?a=1&', { code: 'c', state: undefined }), 'http://127.0.0.1:1/cb?a=1&code=c');
  });

  it('lets the consent form redirect to the client by origin or scheme', () => {
    assert.equal(cspSourceFor('http://127.0.0.1:9/callback?x=1'), 'http://127.0.0.1:9');
    assert.equal(cspSourceFor('vscode://boomtown-dev.boomtown-vscode/callback'), 'vscode:');
  });
});
