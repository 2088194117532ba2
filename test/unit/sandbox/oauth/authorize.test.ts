import assert from 'node:assert/strict';
import { isBoomTownError } from '../../../../src/core/shared/errors';
import { defaultClient } from '../../../sandbox/oauth/clients';
import { start } from '../../../sandbox/index';
import {
  apiGet,
  authorizeUrl,
  signIn,
  consentRequestId,
  headerOf,
  httpRequest,
  LOOPBACK_REDIRECT_URI,
  postDecision,
  redirectParams,
  type AuthorizeParams,
} from '../../../sandbox/drivers/testClient';
import { useSandbox } from '../helpers';

describe('sandbox GET /oauth/authorize', () => {
  const fixture = useSandbox();
  const authorize = (params: AuthorizeParams) => httpRequest(authorizeUrl(fixture.url, params));

  describe('errors shown as a page, never redirected (RFC 6749 §4.1.2.1)', () => {
    const cases: Array<[string, AuthorizeParams, RegExp]> = [
      ['missing client_id', { override: { client_id: undefined } }, /client_id is missing/],
      ['unknown client_id', { clientId: 'nobody' }, /No application is registered/],
      ['missing redirect_uri', { override: { redirect_uri: undefined } }, /redirect_uri is missing/],
      ['unregistered redirect_uri', { redirectUri: 'https://evil.example/steal' }, /not registered/],
      ['redirect_uri with a fragment', { redirectUri: 'http://127.0.0.1:9/callback#x' }, /not registered/],
    ];
    for (const [name, params, message] of cases) {
      it(name, async () => {
        const answer = await authorize(params);
        assert.equal(answer.status, 400);
        assert.equal(headerOf(answer, 'location'), undefined);
        assert.match(headerOf(answer, 'content-type') ?? '', /^text\/html/);
        assert.match(answer.text, message);
      });
    }

    it('a repeated client_id', async () => {
      const url = `${authorizeUrl(fixture.url)}&client_id=other`;
      const answer = await httpRequest(url);
      assert.equal(answer.status, 400);
      assert.match(answer.text, /client_id was sent more than once/);
    });
  });

  describe('errors redirected to the client with state', () => {
    const cases: Array<[string, AuthorizeParams, string, RegExp]> = [
      ['missing response_type', { override: { response_type: undefined } }, 'invalid_request', /response_type/],
      ['response_type=token', { override: { response_type: 'token' } }, 'unsupported_response_type', /response_type=code/],
      ['unknown scope', { scope: 'leads:read admin:everything' }, 'invalid_scope', /admin:everything/],
      ['empty scope', { scope: '' }, 'invalid_scope', /scope is required/],
      ['missing code_challenge', { override: { code_challenge: undefined } }, 'invalid_request', /code_challenge is required/],
      ['code_challenge_method=plain', { override: { code_challenge_method: 'plain' } }, 'invalid_request', /S256/],
      ['missing code_challenge_method', { override: { code_challenge_method: undefined } }, 'invalid_request', /S256/],
      ['malformed code_challenge', { challenge: 'short' }, 'invalid_request', /43 base64url/],
    ];
    for (const [name, params, error, description] of cases) {
      it(`${name} -> ${error}`, async () => {
        const answer = await authorize({ state: 'st-1', ...params });
        assert.equal(answer.status, 302);
        const location = headerOf(answer, 'location')!;
        assert.ok(location.startsWith(`${LOOPBACK_REDIRECT_URI}?`), location);
        const query = redirectParams(answer);
        assert.equal(query.get('error'), error);
        assert.match(query.get('error_description') ?? '', description);
        assert.equal(query.get('state'), 'st-1');
        assert.equal(query.get('code'), null);
      });
    }

    it('missing state -> invalid_request without state', async () => {
      const query = redirectParams(await authorize({ override: { state: undefined } }));
      assert.equal(query.get('error'), 'invalid_request');
      assert.equal(query.has('state'), false);
    });

    it('a repeated parameter -> invalid_request', async () => {
      const query = redirectParams(await httpRequest(`${authorizeUrl(fixture.url, { state: 'st-2' })}&scope=profile`));
      assert.equal(query.get('error'), 'invalid_request');
      assert.match(query.get('error_description') ?? '', /scope/);
    });
  });

  describe('the consent page', () => {
    it('is escaped HTML with a strict CSP, the scopes, the users (login_hint preselected) and the two buttons', async () => {
      const answer = await authorize({ loginHint: 'marcus.bell@boomtown-sandbox.example', scope: 'offline_access leads:read' });
      assert.equal(answer.status, 200);
      const csp = headerOf(answer, 'content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /style-src 'nonce-[^']+'/);
      assert.match(csp, /form-action 'self' http:\/\/127\.0\.0\.1:43117/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(headerOf(answer, 'x-frame-options'), 'DENY');
      assert.doesNotMatch(answer.text, /<script/i);
      assert.match(answer.text, /BoomTown for VS Code \(sandbox\)/);
      assert.match(answer.text, /offline_access/);
      assert.match(answer.text, /leads:read/);
      assert.doesNotMatch(answer.text, /agents:read/);
      assert.match(answer.text, /<button[^>]*id="approve"/);
      assert.match(answer.text, /<button[^>]*id="deny"/);
      assert.equal(answer.text.match(/type="radio" name="user"/g)?.length, 3);
      assert.match(answer.text, /name="user" value="u_2" checked/);
      assert.match(answer.text, /action="\/oauth\/authorize\/decision"/);
      assert.match(answer.text, /no email address/); // user 3
    });

    it('preselects the first user without a login_hint', async () => {
      const answer = await authorize({});
      assert.match(answer.text, /name="user" value="u_1" checked/);
    });
  });

  describe('POST /oauth/authorize/decision', () => {
    it('approve -> 302 with code and state, for the chosen user', async () => {
      const page = await authorize({ state: 'abc' });
      const answer = await postDecision(fixture.url, consentRequestId(page.text), 'approve', 'u_3');
      assert.equal(answer.status, 302);
      const query = redirectParams(answer);
      assert.match(query.get('code') ?? '', /^bt_code_/);
      assert.equal(query.get('state'), 'abc');
    });

    it('the tokens of an approved code belong to the user chosen on the page', async () => {
      const session = await signIn(fixture.url, { userId: 'u_3', loginHint: 'u_2' });
      const me = await apiGet(fixture.url, '/v1/me', session.accessToken);
      assert.deepEqual(me.json, { id: 'u_3', email: null, firstName: 'Priya', lastName: 'Raman', teamId: 'T-1' });
    });

    it('deny -> 302 with error=access_denied, a description and state', async () => {
      const page = await authorize({ state: 'abc' });
      const query = redirectParams(await postDecision(fixture.url, consentRequestId(page.text), 'deny'));
      assert.equal(query.get('error'), 'access_denied');
      assert.ok(query.get('error_description'));
      assert.equal(query.get('state'), 'abc');
      assert.equal(query.get('code'), null);
    });

    it('a request id is single use, and an unknown one is refused with a page', async () => {
      const page = await authorize({});
      const id = consentRequestId(page.text);
      assert.equal((await postDecision(fixture.url, id, 'approve', 'u_1')).status, 302);
      const again = await postDecision(fixture.url, id, 'approve', 'u_1');
      assert.equal(again.status, 400);
      assert.equal(headerOf(again, 'location'), undefined);
      assert.equal((await postDecision(fixture.url, 'bt_req_forged', 'approve', 'u_1')).status, 400);
    });

    it('pending requests expire after 15 minutes', async () => {
      const page = await authorize({});
      fixture.clock.tick(15 * 60_000);
      assert.equal((await postDecision(fixture.url, consentRequestId(page.text), 'approve', 'u_1')).status, 400);
    });

    it('an unknown user or decision is refused', async () => {
      const first = await authorize({});
      assert.equal((await postDecision(fixture.url, consentRequestId(first.text), 'approve', 'u_999')).status, 400);
      const second = await authorize({});
      const form = new URLSearchParams({ request: consentRequestId(second.text), decision: 'maybe', user: 'u_1' });
      const answer = await httpRequest(`${fixture.url}/oauth/authorize/decision`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      assert.equal(answer.status, 400);
    });

    it('appends code and state after the query of a code-server callback URI', async () => {
      const redirectUri = 'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=boomtown-dev.boomtown-vscode&vscode-path=%2Fcallback&vscode-query=';
      const page = await authorize({ redirectUri, state: 's1' });
      const answer = await postDecision(fixture.url, consentRequestId(page.text), 'approve', 'u_1');
      const location = headerOf(answer, 'location')!;
      assert.ok(location.startsWith(`${redirectUri}&code=bt_code_`), location);
      assert.match(location, /&state=s1$/);
    });
  });
});

describe('sandbox autoApprove', () => {
  describe('true', () => {
    const fixture = useSandbox(() => ({ autoApprove: true }));

    it('skips the page and approves as the login_hint user', async () => {
      const answer = await httpRequest(authorizeUrl(fixture.url, { loginHint: 'u_3', state: 'z' }));
      assert.equal(answer.status, 302);
      const query = redirectParams(answer);
      assert.match(query.get('code') ?? '', /^bt_code_/);
      assert.equal(query.get('state'), 'z');
    });

    it('the approved user is the login_hint user, else the first', async () => {
      const hinted = await signIn(fixture.url, { loginHint: 'u_3' });
      assert.equal((await apiGet(fixture.url, '/v1/me', hinted.accessToken)).json.id, 'u_3');
      const unhinted = await signIn(fixture.url);
      assert.equal((await apiGet(fixture.url, '/v1/me', unhinted.accessToken)).json.id, 'u_1');
    });

    for (const scheme of ['vscode', 'vscode-insiders', 'code-oss']) {
      it(`redirects to ${scheme}://boomtown-dev.boomtown-vscode/callback with the code`, async () => {
        const redirectUri = `${scheme}://boomtown-dev.boomtown-vscode/callback`;
        const answer = await httpRequest(authorizeUrl(fixture.url, { redirectUri, state: 'q' }));
        assert.match(headerOf(answer, 'location') ?? '', new RegExp(`^${scheme}://boomtown-dev\\.boomtown-vscode/callback\\?code=bt_code_[^&]+&state=q$`));
      });
    }

    it('still validates the request first', async () => {
      const answer = await httpRequest(authorizeUrl(fixture.url, { scope: 'everything' }));
      assert.equal(redirectParams(answer).get('error'), 'invalid_scope');
    });
  });

  describe('a user id or email', () => {
    const fixture = useSandbox(() => ({ autoApprove: 'marcus.bell@boomtown-sandbox.example' }));

    it('approves as that user whatever the login_hint', async () => {
      const session = await signIn(fixture.url, { loginHint: 'u_3' });
      assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).json.id, 'u_2');
    });
  });

  it('an unknown user is refused at start', async () => {
    await assert.rejects(start({ autoApprove: 'nobody@example.com' }), (error) => isBoomTownError(error, 'badInput'));
  });
});

describe('sandbox consent page with a hostile application name', () => {
  const fixture = useSandbox(() => ({ clients: [{ ...defaultClient(), name: '<script>alert(1)</script> & "Evil" <img src=x onerror=alert(2)>' }] }));

  it('escapes the name and the redirect URI', async () => {
    const redirectUri = 'http://127.0.0.1:8080/x/callback?a=1&b="><script>alert(3)</script>';
    const answer = await httpRequest(authorizeUrl(fixture.url, { redirectUri }));
    assert.equal(answer.status, 200);
    assert.doesNotMatch(answer.text, /<script|<img/i);
    assert.match(answer.text, /&#60;script&#62;alert\(1\)&#60;\/script&#62; &#38; &#34;Evil&#34;/);
    assert.match(answer.text, /a=1&#38;b=&#34;&#62;&#60;script&#62;/);
  });
});
