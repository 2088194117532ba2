import assert from 'node:assert/strict';
import { SecretKeys } from '../../../src/constants';
import { checkAuthorizeParameters } from '../../../src/core/shared/authorizeParameters';
import type { PendingSignIns } from '../../../src/core/auth/pendingSignIns';
import { decodeSessions } from '../../../src/core/auth/sessions/copies';
import type { SignInBrowser } from '../../../src/core/auth/signInBrowser';
import type { SignInEndpoints } from '../../../src/core/auth/signIn';
import type { ClientAuthenticationMethod } from '../../../src/core/shared/config';
import type { BoomTownError } from '../../../src/core/shared/errors';
import { consentRequestId, httpRequest, postDecision } from '../../sandbox/drivers/testClient';
import type { SandboxOptions } from '../../sandbox';
import { SkewedClock } from './helpers/fakeClock';
import { openWindow, settle, type TestWindow } from './helpers/harness';
import { startSandbox } from './helpers/sandbox';

/**
 * Issue #11 §4, each item against the sandbox playing a standards-following server (its
 * "standards modes"): access_denied, authorize parameters (OpenID's prompt=consent for
 * offline_access), `iss` on callbacks (RFC 9207), and HTTP Basic client authentication.
 */
describe('standards details, against the sandbox', function () {
  this.timeout(30_000);
  let env: Awaited<ReturnType<typeof startSandbox>>;
  let window: TestWindow;
  let clock: SkewedClock;

  async function open(sandbox: SandboxOptions, endpoints: Partial<SignInEndpoints> = {}, authentication: ClientAuthenticationMethod = 'body'): Promise<void> {
    env = await startSandbox(sandbox);
    clock = new SkewedClock();
    window = openWindow({
      dispatcher: env.dispatcher,
      config: () => ({ ...env.config(), ...endpoints }),
      credentials: async () => ({ ...(await env.credentials()), authentication }),
      clock,
    });
  }
  afterEach(async () => {
    window?.close();
    await env?.close();
  });

  function storedRefreshToken(): string | undefined {
    return decodeSessions(window.secrets.values.get(SecretKeys.sessions)).sessions[0]?.refreshToken;
  }

  describe('access_denied', () => {
    /** A browser in which the person (or the server's policy) answers the consent page with Deny. */
    class DenyingBrowser implements SignInBrowser {
      constructor(private readonly pending: PendingSignIns) {}
      async redirectUri(): Promise<string> {
        return 'http://127.0.0.1/callback';
      }
      async open(authorizeUrl: string): Promise<void> {
        const page = await httpRequest(authorizeUrl);
        const denied = await postDecision(new URL(authorizeUrl).origin, consentRequestId(page.text), 'deny');
        this.pending.handleCallback(String(denied.headers.location));
      }
    }

    it('says the server denied the request, with its description, and never that the user refused', async () => {
      await open({ autoApprove: false });
      const error = await window.service.createSession(['leads:read'], new DenyingBrowser(window.pending)).then(
        () => assert.fail('the sign-in succeeded'),
        (e: BoomTownError) => e,
      );
      assert.equal(error.reason, 'accessDenied');
      assert.equal(error.serverCode, 'access_denied');
      assert.deepEqual(error.template, { text: 'The sign-in server denied the request: "{0}".', args: ['The user denied access'] });
      assert.doesNotMatch(error.message, /\byou\b|refused/i);
    });
  });

  describe('boomtown.authorizeParameters (OpenID Connect: offline_access only with prompt=consent)', () => {
    it('without prompt=consent such a server grants no refresh token', async () => {
      await open({ offlineAccessNeedsConsent: true });
      const session = await window.signIn(['leads:read']);
      assert.deepEqual([...session.scopes], ['leads:read']);
      assert.equal(storedRefreshToken(), undefined);
    });

    it('with { "prompt": "consent" } the authorize request carries it, and the session renews with its refresh token', async () => {
      await open({ offlineAccessNeedsConsent: true }, { authorizeParameters: checkAuthorizeParameters({ prompt: 'consent' }) });
      const session = await window.signIn(['leads:read']);
      assert.equal(new URL(window.browser.opened[0]).searchParams.get('prompt'), 'consent');
      assert.deepEqual([...session.scopes].sort(), ['leads:read', 'offline_access']);
      assert.ok(storedRefreshToken());
      clock.advance(2 * 3600_000);
      const [renewed] = await window.service.getSessions();
      assert.notEqual(renewed.accessToken, session.accessToken);
      assert.equal(env.sandbox.counters().byGrant.refresh_token, 1);
    });

    it('a setting that names a parameter the sign-in owns stops the sign-in before the browser opens', async () => {
      await open({}, { authorizeParameters: checkAuthorizeParameters({ state: 'attacker', prompt: 'consent' }) });
      const error: BoomTownError = await window.signIn().then(() => assert.fail('signed in'), (e: BoomTownError) => e);
      assert.equal(error.reason, 'badInput');
      assert.match(error.message, /boomtown\.authorizeParameters.*"state" is set by the sign-in itself/);
      assert.equal(window.browser.opened.length, 0);
      assert.equal(env.sandbox.counters().total, 0);
    });
  });

  describe('iss on the callback (RFC 9207)', () => {
    it('signs in when iss equals the authUrl origin (no issuer setting)', async () => {
      await open({ issuer: true });
      const session = await window.signIn(['leads:read']);
      assert.equal(new URL(window.browser.callbacks[0]).searchParams.get('iss'), env.sandbox.url);
      assert.ok(session.accessToken);
    });

    it('signs in when iss equals the boomtown.issuer setting', async () => {
      await open({ issuer: 'https://issuer.example.test/tenant' }, { issuer: 'https://issuer.example.test/tenant' });
      assert.ok((await window.signIn(['leads:read'])).accessToken);
    });

    it('ignores a callback from another issuer like one with a bad state: the sign-in keeps waiting, no code is exchanged', async () => {
      await open({ issuer: 'https://other-server.example.test' });
      const cancel = new AbortController();
      const signIn = window.service.createSession(['leads:read'], window.browser, { cancellation: cancel.signal });
      while (window.browser.callbacks.length === 0) await settle(1);
      await settle();
      assert.equal(window.pending.size, 1, 'the sign-in is still pending');
      assert.match(window.log.text(), /from another issuer/);
      assert.equal(env.sandbox.counters().byRoute['POST /oauth/token'], undefined);
      cancel.abort();
      await assert.rejects(signIn, (e: BoomTownError) => e.reason === 'cancelled');
    });
  });

  describe('boomtown.clientAuthentication', () => {
    it('"basic" signs in, renews and signs out at a server that accepts only HTTP Basic', async () => {
      await open({ clientAuthentication: 'basic' }, {}, 'basic');
      const session = await window.signIn(['leads:read']);
      clock.advance(2 * 3600_000);
      await window.service.getSessions();
      await window.service.removeSession(session.id);
      const counters = env.sandbox.counters();
      assert.deepEqual(counters.byGrant, { authorization_code: 1, refresh_token: 1 });
      assert.equal(counters.byRoute['POST /oauth/revoke'], 1);
      assert.equal(counters.byStatus['401'], undefined);
    });

    it('"body" (the default) is refused there as invalid_client, and "basic" is refused where only the body is accepted', async () => {
      await open({ clientAuthentication: 'basic' }, {}, 'body');
      await assert.rejects(window.signIn(), (e: BoomTownError) => e.reason === 'invalidClient');
      window.close();
      await env.close();
      await open({ clientAuthentication: 'body' }, {}, 'basic');
      await assert.rejects(window.signIn(), (e: BoomTownError) => e.reason === 'invalidClient');
    });
  });
});
