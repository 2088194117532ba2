import assert from 'node:assert/strict';
import { checkAuthorizeParameters, RESERVED_AUTHORIZE_PARAMETERS } from '../../../src/core/shared/authorizeParameters';
import { buildAuthorizeUrl } from '../../../src/core/auth/authorizeUrl';
import { callbackError, issuerMatches, parseCallback } from '../../../src/core/auth/callback';
import { clientAuthentication } from '../../../src/core/auth/tokenEndpoint';
import { resolveConfig } from '../../../src/core/shared/config';
import { parseBasic } from '../../sandbox/oauth/clientAuth';
import { parseCliArgs } from '../../sandbox/cli/cliArgs';

/** The pure rules behind issue #11 §4, as tables; standards.sandbox.test.ts runs them against the sandbox. */
describe('standards rules', () => {
  describe('access_denied', () => {
    it('without a description says the server denied it and gave no reason, not that the user refused', () => {
      const error = callbackError('access_denied', undefined);
      assert.equal(error.reason, 'accessDenied');
      assert.equal(error.message, 'The sign-in server denied the request (access_denied) and gave no reason.');
      assert.deepEqual(error.template?.args, []);
    });

    it('with a description quotes it, cleaned, as an argument (never as the template)', () => {
      const error = callbackError('access_denied', 'Policy {0}\u0007 says no');
      assert.equal(error.template?.text, 'The sign-in server denied the request: "{0}".');
      assert.deepEqual(error.template?.args, ['Policy {0} says no']);
    });
  });

  describe('checkAuthorizeParameters', () => {
    const table: Array<[unknown, RegExp | Record<string, string>]> = [
      [undefined, {}],
      [{}, {}],
      [{ prompt: 'consent', max_age: '0' }, { prompt: 'consent', max_age: '0' }],
      [['prompt'], /must be an object/],
      ['prompt=consent', /must be an object/],
      [{ prompt: 1 }, /value of "prompt" must be a string/],
      [{ 'a b': 'x' }, /is not a parameter name/],
      [{ 'x&state=y': 'x' }, /is not a parameter name/],
    ];
    for (const [value, expected] of table) {
      it(`${JSON.stringify(value)} -> ${expected instanceof RegExp ? expected : JSON.stringify(expected)}`, () => {
        const check = checkAuthorizeParameters(value);
        if (expected instanceof RegExp) assert.match(check.ok ? 'ok' : check.problem, expected);
        else assert.deepEqual(check, { ok: true, parameters: expected });
      });
    }

    it('refuses every name the sign-in sets (state, PKCE, redirect_uri, client, scope, response type, login_hint)', () => {
      assert.deepEqual([...RESERVED_AUTHORIZE_PARAMETERS].sort(), ['client_id', 'code_challenge', 'code_challenge_method', 'login_hint', 'redirect_uri', 'response_type', 'scope', 'state']);
      for (const name of RESERVED_AUTHORIZE_PARAMETERS) {
        const check = checkAuthorizeParameters({ [name]: 'x' });
        assert.equal(check.ok, false, name);
      }
    });
  });

  describe('buildAuthorizeUrl with extra parameters', () => {
    const base = { authUrl: 'https://auth.example.test', clientId: 'c', redirectUri: 'http://127.0.0.1/callback?a=1&b=2', scopes: ['leads:read'], state: 'the-state', codeChallenge: 'the-challenge' };

    it('adds them after its own', () => {
      const url = new URL(buildAuthorizeUrl({ ...base, extraParameters: { prompt: 'consent' } }));
      assert.equal(url.searchParams.get('prompt'), 'consent');
      assert.equal(url.searchParams.get('state'), 'the-state');
    });

    it('cannot replace or repeat state, PKCE, redirect_uri or login_hint, even when handed unchecked values', () => {
      const extraParameters = Object.fromEntries(RESERVED_AUTHORIZE_PARAMETERS.map((name) => [name, 'evil']));
      const url = new URL(buildAuthorizeUrl({ ...base, loginHint: 'me@example.test', extraParameters }));
      for (const name of RESERVED_AUTHORIZE_PARAMETERS) assert.equal(url.searchParams.getAll(name).length, 1, name);
      assert.equal(url.searchParams.get('state'), 'the-state');
      assert.equal(url.searchParams.get('code_challenge'), 'the-challenge');
      assert.equal(url.searchParams.get('redirect_uri'), base.redirectUri);
      assert.equal(url.searchParams.get('login_hint'), 'me@example.test');
    });
  });

  describe('iss (RFC 9207)', () => {
    it('is read from the callback', () => {
      assert.equal(parseCallback('code-oss://x/callback?code=c&state=s&iss=https%3A%2F%2Fauth.example.test')?.issuer, 'https://auth.example.test');
      assert.equal(parseCallback('?code=c&state=s')?.issuer, undefined);
    });

    const table: Array<[string | undefined, string | undefined, boolean]> = [
      [undefined, 'https://auth.example.test', true],
      ['https://auth.example.test', 'https://auth.example.test', true],
      ['https://auth.example.test/', 'https://auth.example.test', false],
      ['https://other.example.test', 'https://auth.example.test', false],
      ['HTTPS://AUTH.EXAMPLE.TEST', 'https://auth.example.test', false],
    ];
    for (const [iss, expected, ok] of table) {
      it(`iss ${iss} against ${expected} -> ${ok ? 'accepted' : 'rejected'} (exact string comparison)`, () => {
        assert.equal(issuerMatches({ state: 's', issuer: iss }, expected), ok);
      });
    }

    it('expects the boomtown.issuer setting, else the authUrl origin; a bad setting is a problem', () => {
      assert.equal(resolveConfig({ authUrl: 'https://auth.example.test/base/' }, {}).issuer, 'https://auth.example.test');
      assert.equal(resolveConfig({ issuer: 'https://id.example.test/realms/x' }, {}).issuer, 'https://id.example.test/realms/x');
      const bad = resolveConfig({ issuer: 'https://id.example.test/?q=1' }, {});
      assert.equal(bad.issuer, 'https://auth.boomtownroi.com');
      assert.match(bad.problems.join('\n'), /boomtown\.issuer/);
    });
  });

  describe('client authentication (RFC 6749 §2.3.1)', () => {
    it('"body" (the default) sends client_id and client_secret as form fields and no Authorization header', () => {
      assert.deepEqual(clientAuthentication({ clientId: 'id', clientSecret: 's' }), { headers: {}, fields: { client_id: 'id', client_secret: 's' } });
      assert.equal(resolveConfig({}, {}).clientAuthentication, 'body');
    });

    it('"basic" form-encodes id and secret before joining them, and sends no secret in the body', () => {
      const credentials = { clientId: 'app:1 é', clientSecret: 'p@ss:w/rd+ %', authentication: 'basic' as const };
      const { headers, fields } = clientAuthentication(credentials);
      assert.deepEqual(fields, {});
      // The sandbox's parser, written from the RFC on its own, reads back what was sent.
      assert.deepEqual(parseBasic(headers.authorization), { clientId: 'app:1 é', secret: 'p@ss:w/rd+ %' });
    });

    it('an unknown setting value is a problem and falls back to "body"', () => {
      const config = resolveConfig({ clientAuthentication: 'jwt' }, {});
      assert.equal(config.clientAuthentication, 'body');
      assert.match(config.problems.join('\n'), /boomtown\.clientAuthentication/);
    });
  });

  it('the sandbox CLI turns on its standards modes', () => {
    const { options } = parseCliArgs(['--issuer', '--offline-access-needs-consent', '--client-auth', 'basic']);
    assert.equal(options.issuer, true);
    assert.equal(options.offlineAccessNeedsConsent, true);
    assert.equal(options.clientAuthentication, 'basic');
    assert.equal(parseCliArgs(['--issuer-as', 'https://other.example.test']).options.issuer, 'https://other.example.test');
    assert.throws(() => parseCliArgs(['--client-auth', 'jwt']), /--client-auth/);
  });
});
