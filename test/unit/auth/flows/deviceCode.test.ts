import assert from 'node:assert/strict';
import type http from 'node:http';
import { Agent } from 'undici';
import { type DeviceCodePrompt, deviceCodeSignIn } from '../../../../src/core/auth/flows/deviceCode';
import type { SignInBrowser } from '../../../../src/core/auth/signInBrowser';
import { TokenEndpoint } from '../../../../src/core/auth/tokenEndpoint';
import { BoomTownError } from '../../../../src/core/shared/errors';
import { silentLogger } from '../../../../src/core/shared/logger';
import { decideDeviceCode } from '../../../sandbox/drivers/testClient';
import { FakeClock } from '../helpers/fakeClock';
import { openWindow, type TestWindow } from '../helpers/harness';
import { loopbackServer } from '../../../support/loopback';
import { reasonOf } from '../helpers/outcomes';
import { startSandbox } from '../helpers/sandbox';

/** The device flow never opens the authorize page; any use of the browser port is a defect. */
const noBrowser: SignInBrowser = {
  redirectUri: async () => assert.fail('the device flow asked for a redirect URI'),
  open: async () => assert.fail('the device flow opened an authorize page'),
};

/**
 * Waits that move the fake clock (shared with the sandbox) instead of real time, and record what was
 * asked. `beforeWait(n)` runs before the n-th wait (1-based): the user acting between two polls.
 */
function fakeWaits(clock: FakeClock, beforeWait: (n: number) => Promise<void> = async () => undefined) {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw new BoomTownError('cancelled', 'Cancelled.');
    waits.push(ms);
    await beforeWait(waits.length);
    clock.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new BoomTownError('cancelled', 'Cancelled.');
  };
  return { waits, sleep };
}

describe('device code sign-in (RFC 8628)', () => {
  describe('against the sandbox', function () {
    this.timeout(30_000);
    let env: Awaited<ReturnType<typeof startSandbox>>;
    let clock: FakeClock;
    let window: TestWindow;
    let waits: number[];
    /** What the user does before the n-th wait; the shown prompt is in `shown`. */
    let user: (n: number, prompt: DeviceCodePrompt) => Promise<unknown>;
    let shown: DeviceCodePrompt[];

    async function open(options: Parameters<typeof startSandbox>[0] = {}) {
      clock = new FakeClock();
      env = await startSandbox({ clock, autoApprove: false, ...options });
      shown = [];
      user = async () => undefined;
      const fake = fakeWaits(clock, async (n) => {
        await user(n, shown[0]);
      });
      waits = fake.waits;
      window = openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials, clock, deviceTimings: { sleep: fake.sleep } });
    }
    afterEach(async () => {
      window?.close();
      await env?.close();
    });

    function signIn(cancellation?: AbortSignal) {
      return window.service.createSession(['leads:read'], noBrowser, { cancellation, flow: { kind: 'deviceCode', show: (prompt) => shown.push(prompt) } });
    }
    const approve = (prompt: DeviceCodePrompt) => decideDeviceCode(env.sandbox.url, prompt.userCode, 'approve', env.sandbox.users[0].id);

    it('shows the user code, polls while pending at the interval, and signs in once approved: counted at the server', async () => {
      await open();
      // Approved after two pending polls, before the third.
      user = async (n, prompt) => (n === 3 ? approve(prompt) : undefined);
      const signedIn = await signIn();
      assert.equal(signedIn.account.id, env.sandbox.users[0].id);
      assert.equal(shown.length, 1);
      assert.match(shown[0].userCode, /^[A-Z]{4}-[A-Z]{4}$/);
      assert.equal(shown[0].verificationUri, `${env.sandbox.url}/oauth/device`);
      assert.equal(shown[0].verificationUriComplete, `${env.sandbox.url}/oauth/device?user_code=${shown[0].userCode}`);
      const [record] = env.sandbox.devicePolls();
      assert.equal(record.polls, 3, 'pending, pending, approved');
      assert.equal(record.slowDowns, 0, 'polled sooner than the interval');
      assert.ok(record.gapsMs.every((gap) => gap >= 5000), `gaps ${record.gapsMs.join(', ')}`);
      assert.deepEqual(waits, [5000, 5000, 5000]);
      assert.equal(env.sandbox.counters().byGrant.device_code, 3);
      assert.equal(env.sandbox.counters().byRoute['GET /oauth/authorize'], undefined, 'the device flow went through authorize');
      assert.ok(!window.log.text().includes('bt_dc_'), 'the device code reached the log');
      assert.ok(!window.log.text().includes(shown[0].userCode), 'the user code reached the log');
    });

    it('keeps the server\'s interval', async () => {
      await open({ deviceIntervalSeconds: 7 });
      user = async (n, prompt) => (n === 4 ? approve(prompt) : undefined);
      await signIn();
      assert.deepEqual(waits, [7000, 7000, 7000, 7000]);
      assert.ok(env.sandbox.devicePolls()[0].gapsMs.every((gap) => gap >= 7000));
      assert.equal(env.sandbox.devicePolls()[0].slowDowns, 0);
    });

    it('a denied code ends as accessDenied, and polling stops', async () => {
      await open();
      user = async (n, prompt) => (n === 2 ? decideDeviceCode(env.sandbox.url, prompt.userCode, 'deny', env.sandbox.users[0].id) : undefined);
      assert.equal(await reasonOf(signIn()), 'accessDenied');
      assert.equal(env.sandbox.devicePolls()[0].polls, 2, 'pending, denied');
      const polls = env.sandbox.devicePolls()[0].polls;
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(env.sandbox.devicePolls()[0].polls, polls);
    });

    it('an expired code ends as a timeout that says so', async () => {
      await open({ deviceCodeTtlSeconds: 12 });
      const error = await signIn().then(() => undefined, (e: unknown) => e as BoomTownError);
      assert.equal(error?.reason, 'timeout');
      assert.match(String(error?.message), /expired/);
      assert.ok(env.sandbox.devicePolls()[0].polls <= 3);
    });

    it('cancelling mid-poll ends the sign-in at once, and nothing polls after', async () => {
      await open();
      const controller = new AbortController();
      // Cancelled while waiting between the second and the third poll.
      user = async (n) => (n === 3 ? controller.abort() : undefined);
      assert.equal(await reasonOf(signIn(controller.signal)), 'cancelled');
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(env.sandbox.devicePolls()[0].polls, 2);
    });

    it('a server that does not advertise the device grant refuses the flow before anything is shown', async () => {
      await open({ deviceGrant: false });
      assert.equal(await reasonOf(signIn()), 'badInput');
      assert.equal(shown.length, 0);
    });
  });

  describe('slow_down (a scripted token endpoint)', () => {
    const agent = new Agent();
    after(() => agent.close());

    it('adds 5 s to the interval at each slow_down, and keeps it', async () => {
      const script = ['authorization_pending', 'slow_down', 'authorization_pending', 'slow_down', 'tokens'];
      let polls = 0;
      const server = await loopbackServer((req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.url === '/device') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ device_code: 'dc-secret', user_code: 'ABCD-EFGH', verification_uri: 'https://x.test/device', expires_in: 600, interval: 2 }));
          return;
        }
        const step = script[polls++];
        if (step === 'tokens') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'at', token_type: 'Bearer', expires_in: 3600 }));
        else res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: step }));
      });
      try {
        const clock = new FakeClock();
        const { waits, sleep } = fakeWaits(clock);
        const tokenEndpoint = new TokenEndpoint({ dispatcher: agent, timeoutMs: 2000, revokeTimeoutMs: 2000, logger: silentLogger, now: () => clock.now() });
        const tokens = await deviceCodeSignIn(
          { dispatcher: agent, tokenEndpoint, logger: silentLogger, timeoutMs: 2000, sleep, now: () => clock.now() },
          { authUrl: server.url, deviceAuthorizationEndpoint: `${server.url}/device`, credentials: { clientId: 'c', clientSecret: 's' }, scopes: ['leads:read'], show: () => undefined },
        );
        assert.equal(tokens.accessToken, 'at');
        assert.deepEqual(waits, [2000, 2000, 7000, 7000, 12000]);
      } finally {
        await server.close();
      }
    });
  });

  describe('a scripted device authorization endpoint', () => {
    const agent = new Agent();
    after(() => agent.close());

    /** One device sign-in against a loopback server that answers the device request with `device`, then each poll in turn. */
    async function scripted(device: { status: number; body: unknown }, polls: { status: number; body: unknown }[], deps: { real?: boolean } = {}) {
      let poll = 0;
      const shown: DeviceCodePrompt[] = [];
      const server = await loopbackServer((req: http.IncomingMessage, res: http.ServerResponse) => {
        const answer = req.url === '/device' ? device : polls[Math.min(poll++, polls.length - 1)];
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
      const clock = new FakeClock();
      const { waits, sleep } = fakeWaits(clock);
      const tokenEndpoint = new TokenEndpoint({ dispatcher: agent, timeoutMs: 2000, revokeTimeoutMs: 2000, logger: silentLogger, now: () => clock.now() });
      // `real`: the default timer and clock, with a second made 1 ms long.
      const timing = deps.real ? { secondMs: 1 } : { sleep, now: () => clock.now() };
      try {
        const outcome = await deviceCodeSignIn(
          { dispatcher: agent, tokenEndpoint, logger: silentLogger, timeoutMs: 2000, ...timing },
          { authUrl: server.url, deviceAuthorizationEndpoint: `${server.url}/device`, credentials: { clientId: 'c', clientSecret: 's' }, scopes: ['leads:read'], show: (prompt) => shown.push(prompt) },
        ).then(
          (tokens) => ({ tokens, error: undefined }),
          (error: unknown) => ({ tokens: undefined, error: error as BoomTownError }),
        );
        return { ...outcome, shown, waits, polls: poll };
      } finally {
        await server.close();
      }
    }
    const authorization = { device_code: 'dc-secret', user_code: 'ABCD-EFGH', verification_uri: 'https://x.test/device', expires_in: 600, interval: 1 };
    const tokens = { status: 200, body: { access_token: 'at', token_type: 'Bearer', expires_in: 3600 } };

    it('polls every 5 s when the server names no interval (RFC 8628 §3.2)', async () => {
      const { interval: _omitted, ...withoutInterval } = authorization;
      const result = await scripted({ status: 200, body: withoutInterval }, [{ status: 400, body: { error: 'authorization_pending' } }, tokens]);
      assert.equal(result.tokens?.accessToken, 'at');
      assert.deepEqual(result.waits, [5000, 5000]);
    });

    it('waits with the real timer and clock when none is given', async () => {
      const result = await scripted({ status: 200, body: authorization }, [{ status: 400, body: { error: 'authorization_pending' } }, tokens], { real: true });
      assert.equal(result.tokens?.accessToken, 'at');
      assert.equal(result.polls, 2);
    });

    it('a refused device authorization request keeps the server\'s OAuth error, and shows nothing', async () => {
      const result = await scripted({ status: 401, body: { error: 'invalid_client' } }, []);
      assert.equal(result.error?.serverCode, 'invalid_client');
      assert.equal(result.shown.length, 0);
      assert.equal(result.polls, 0);
    });

    for (const [what, body] of [
      ['no device_code', { ...authorization, device_code: '' }],
      ['an expires_in that is not a positive number', { ...authorization, expires_in: 0 }],
      ['a verification_uri that is not a web page', { ...authorization, verification_uri: 'vscode://boomtown/device' }],
      ['a verification_uri that is not a URL', { ...authorization, verification_uri: 'see the app' }],
    ] as const) {
      it(`an answer with ${what} is malformedResponse, and nothing is shown or polled`, async () => {
        const result = await scripted({ status: 200, body }, [tokens]);
        assert.equal(result.error?.reason, 'malformedResponse');
        assert.match(String(result.error?.message), /device_code, user_code, verification_uri or expires_in/);
        assert.equal(result.shown.length, 0);
        assert.equal(result.polls, 0);
      });
    }

    it('a verification_uri_complete that is not a web page is never shown; the code still is', async () => {
      const result = await scripted({ status: 200, body: { ...authorization, verification_uri_complete: 'javascript:alert(1)' } }, [tokens]);
      assert.equal(result.tokens?.accessToken, 'at');
      assert.equal(result.shown[0].verificationUriComplete, undefined);
      assert.equal(result.shown[0].verificationUri, 'https://x.test/device');
    });

    it('expired_token from a poll ends as a timeout that says the code expired', async () => {
      const result = await scripted({ status: 200, body: authorization }, [{ status: 400, body: { error: 'expired_token' } }]);
      assert.equal(result.error?.reason, 'timeout');
      assert.match(String(result.error?.message), /expired/);
      assert.equal(result.polls, 1);
    });

    it('another poll failure ends the sign-in with that failure, and polling stops', async () => {
      const result = await scripted({ status: 200, body: authorization }, [{ status: 500, body: {} }, tokens]);
      assert.equal(result.error?.reason, 'serverError');
      assert.equal(result.polls, 1);
    });
  });
});
