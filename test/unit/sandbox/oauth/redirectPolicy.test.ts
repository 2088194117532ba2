import assert from 'node:assert/strict';
import { redirectKindOf } from '../../../sandbox/oauth/clients';
import { authorizeUrl, headerOf, httpRequest, signIn } from '../../../sandbox/drivers/testClient';
import type { RedirectKind } from '../../../sandbox/index';
import { useSandbox } from '../helpers';

const WORKBENCH = 'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=boomtown-dev.boomtown-vscode';
const EXAMPLES: Array<[string, RedirectKind]> = [
  ['vscode://boomtown-dev.boomtown-vscode/callback', 'privateUse'],
  ['code-oss://boomtown-dev.boomtown-vscode/callback', 'privateUse'],
  [WORKBENCH, 'workbench'],
  ['https://code.example.com/callback?vscode-scheme=vscode', 'workbench'],
  ['http://127.0.0.1:33418/callback', 'loopback'],
  ['http://[::1]:5000/callback', 'loopback'],
  ['http://localhost:5000/callback', 'loopback'],
  ['https://crm-integration.example/oauth/callback', 'https'],
];

describe('sandbox redirect URI kinds, refusals and exact loopback registration', () => {
  for (const [uri, kind] of EXAMPLES) it(`${uri} is ${kind}`, () => assert.equal(redirectKindOf(uri), kind));

  describe('refuseRedirectKinds', () => {
    const fixture = useSandbox(() => ({ autoApprove: true, refuseRedirectKinds: ['privateUse', 'workbench'] }));

    for (const [uri, kind] of EXAMPLES) {
      const refused = kind === 'privateUse' || kind === 'workbench';
      it(`${refused ? 'refuses' : 'accepts'} ${uri}`, async () => {
        const answer = await httpRequest(authorizeUrl(fixture.url, { redirectUri: uri }));
        if (!refused) {
          assert.equal(answer.status, 302);
          return;
        }
        // The 400 page says so and nothing comes back: no redirect, so the application never hears of it.
        assert.equal(answer.status, 400);
        assert.equal(headerOf(answer, 'location'), undefined);
        assert.match(answer.text, /Redirect URI not accepted/);
        assert.match(answer.text, /sign in another way/);
      });
    }

    it('changes while running (POST /admin/options), and refuses an unknown kind', async () => {
      const post = (body: unknown) => httpRequest(`${fixture.url}/admin/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await post({ refuseRedirectKinds: ['loopback', 'https'] })).status, 200);
      assert.equal((await httpRequest(authorizeUrl(fixture.url, { redirectUri: 'http://127.0.0.1:5000/callback' }))).status, 400);
      assert.equal((await httpRequest(authorizeUrl(fixture.url, { redirectUri: 'vscode://boomtown-dev.boomtown-vscode/callback' }))).status, 302);
      assert.equal((await post({ refuseRedirectKinds: ['ftp'] })).status, 400);
    });
  });

  describe('exactLoopbackPort', () => {
    const fixture = useSandbox(() => ({ autoApprove: true, exactLoopbackPort: 33418 }));

    it('accepts exactly http://127.0.0.1:<port>/callback, and signs in through it', async () => {
      const session = await signIn(fixture.url, { redirectUri: 'http://127.0.0.1:33418/callback' });
      assert.match(session.accessToken, /^bt_at_/);
    });

    for (const uri of ['http://127.0.0.1:33419/callback', 'http://127.0.0.1/callback', 'http://localhost:33418/callback', 'http://[::1]:33418/callback', 'http://127.0.0.1:33418/other/callback']) {
      it(`refuses ${uri} with the 400 page naming the one registered`, async () => {
        const answer = await httpRequest(authorizeUrl(fixture.url, { redirectUri: uri }));
        assert.equal(answer.status, 400);
        assert.equal(headerOf(answer, 'location'), undefined);
        assert.match(answer.text, /http:\/\/127\.0\.0\.1:33418\/callback/);
      });
    }

    it('leaves the other kinds alone (vscode://, the workbench callback)', async () => {
      for (const uri of ['vscode://boomtown-dev.boomtown-vscode/callback', WORKBENCH]) {
        assert.equal((await httpRequest(authorizeUrl(fixture.url, { redirectUri: uri }))).status, 302, uri);
      }
    });

    it('null goes back to any port (RFC 8252 §7.3)', async () => {
      fixture.sandbox.setOptions({ exactLoopbackPort: null });
      assert.equal((await httpRequest(authorizeUrl(fixture.url, { redirectUri: 'http://127.0.0.1:40001/callback' }))).status, 302);
    });
  });
});
