import assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { SecretKeys } from '../../../src/constants';
import { decodeSessions } from '../../../src/core/auth/sessions/copies';
import { SkewedClock } from './helpers/fakeClock';
import { openWindow, settle } from './helpers/harness';
import { startSandbox } from './helpers/sandbox';

/** Wraps a dispatcher to keep every request body, so the test knows each secret value that went over the wire. */
function recordingBodies(dispatcher: Dispatcher, bodies: string[]): Dispatcher {
  return dispatcher.compose((dispatch) => (options, handler) => {
    if (typeof options.body === 'string') bodies.push(options.body);
    return dispatch(options, handler);
  });
}

describe('redaction across a whole session (sandbox, trace level)', function () {
  this.timeout(30_000);

  it('logs no token, code, verifier, state or secret at any step', async () => {
    const env = await startSandbox();
    const bodies: string[] = [];
    const clock = new SkewedClock();
    const window = openWindow({ dispatcher: recordingBodies(env.dispatcher, bodies), config: env.config, credentials: env.credentials, clock });
    const secrets = new Set<string>();
    const remember = (...values: Array<string | null | undefined>) => values.forEach((v) => v && secrets.add(v));
    const rememberStored = () => {
      for (const s of decodeSessions(window.secrets.values.get(SecretKeys.sessions)).sessions) remember(s.accessToken, s.refreshToken);
    };
    try {
      const session = await window.signIn(['leads:read']);
      rememberStored();
      clock.advance(2 * 3600_000);
      await window.service.getSessions();
      rememberStored();
      env.sandbox.expireAccessTokens();
      const [current] = await window.service.getSessions();
      await window.service.forceRefresh(current.id, current.accessToken);
      rememberStored();
      window.pending.handleCallback(`http://127.0.0.1/callback?code=forged-code-value&state=forged-state-value`);
      await window.service.removeSession(session.id);
      await settle();

      for (const callback of window.browser.callbacks) {
        const query = new URL(callback).searchParams;
        remember(query.get('code'), query.get('state'));
      }
      for (const body of bodies) {
        const form = new URLSearchParams(body);
        for (const key of ['code', 'code_verifier', 'client_secret', 'refresh_token', 'token']) remember(form.get(key));
      }
      remember((await env.credentials()).clientSecret, 'forged-code-value', 'forged-state-value');

      const text = window.log.text();
      assert.ok(window.log.lines.length > 10, 'the steps were logged');
      assert.ok(window.log.lines.some((l) => l.level === 'trace' || l.level === 'debug'));
      assert.ok(bodies.some((b) => b.includes('code_verifier=')), 'the verifier was captured');
      assert.ok(secrets.size >= 10, `collected ${secrets.size} secret values`);
      const leaks = [...secrets].filter((secret) => text.includes(secret) || text.includes(encodeURIComponent(secret)));
      assert.deepEqual(leaks, []);

      // Every value the flow handled was registered with the redactor, so even a careless log line is masked.
      const registered = [...secrets].filter((secret) => !secret.startsWith('forged-'));
      for (const secret of registered) window.log.logger.error(`careless ${secret} and ${encodeURIComponent(secret)}`);
      const careless = window.log.lines.slice(-registered.length).map((l) => l.line);
      assert.deepEqual(registered.filter((secret, i) => careless[i].includes(secret)), []);
    } finally {
      window.close();
      await env.close();
    }
  });
});
