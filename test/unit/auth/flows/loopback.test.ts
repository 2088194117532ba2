import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { startLoopbackRedirect } from '../../../../src/core/auth/flows/loopback';
import { PendingSignIns } from '../../../../src/core/auth/pendingSignIns';
import { isLoopbackUri } from '../../../../src/core/auth/signIn';
import type { SignInBrowser } from '../../../../src/core/auth/signInBrowser';
import { silentLogger } from '../../../../src/core/shared/logger';
import { openWindow, type TestWindow } from '../helpers/harness';
import { RedirectFollowingBrowser } from '../helpers/redirectBrowser';
import { loopbackServer } from '../../../support/loopback';
import { reasonOf } from '../helpers/outcomes';
import { startSandbox } from '../helpers/sandbox';

/** Whether anything accepts a TCP connection at host:port: the proof that no socket is left listening. */
function connects(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A plain GET, as a browser landing on the redirect would make it. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(what);
}

describe('loopback redirect (RFC 8252 §7.3)', () => {
  describe('the one-shot server', () => {
    let pending: PendingSignIns;
    beforeEach(() => (pending = new PendingSignIns(silentLogger, { timeoutMs: 5000 })));

    it('listens on 127.0.0.1 only, at http://127.0.0.1:{port}/callback', async () => {
      const loopback = await startLoopbackRedirect({ deliver: () => false, logger: silentLogger });
      try {
        assert.equal(loopback.redirectUri, `http://127.0.0.1:${loopback.port}/callback`);
        assert.equal(await connects(loopback.port), true);
        assert.equal(await connects(loopback.port, '127.0.0.2'), false, 'reachable on another loopback address');
      } finally {
        await loopback.close();
      }
    });

    it('answers a forged state 400 and keeps waiting; takes the right one; answers a second callback 400; then closes', async () => {
      const loopback = await startLoopbackRedirect({ deliver: (query) => pending.handleCallback(query), logger: silentLogger });
      const answer = pending.wait('state-right');
      const forged = await get(`${loopback.redirectUri}?code=stolen&state=state-forged`);
      assert.equal(forged.status, 400);
      assert.equal(pending.size, 1, 'the forged callback ended the sign-in');
      const right = await get(`${loopback.redirectUri}?code=code-1&state=state-right`);
      assert.equal(right.status, 200);
      assert.doesNotMatch(right.body, /code-1|state-right/, 'the page repeats the code or the state');
      assert.match(right.body, /return to VS Code/);
      assert.deepEqual(await answer, { code: 'code-1' });
      const second = await get(`${loopback.redirectUri}?code=code-2&state=state-right`).catch(() => ({ status: 0, body: '' }));
      assert.ok(second.status === 400 || second.status === 0, `a second callback got ${second.status}`);
      await eventually(async () => !(await connects(loopback.port)), 'the server still listens after its one callback');
    });

    it('answers another path 400, and the sign-in keeps waiting', async () => {
      const loopback = await startLoopbackRedirect({ deliver: (query) => pending.handleCallback(query), logger: silentLogger });
      try {
        const answer = pending.wait('state-1');
        assert.equal((await get(`http://127.0.0.1:${loopback.port}/other?code=c&state=state-1`)).status, 400);
        assert.equal((await get(`http://127.0.0.1:${loopback.port}/callback/x?code=c&state=state-1`)).status, 400);
        assert.equal(pending.size, 1);
        assert.equal((await get(`${loopback.redirectUri}?code=c&state=state-1`)).status, 200);
        await answer;
      } finally {
        await loopback.close();
      }
    });

    it('says nothing of an error the server sent, only to go back to VS Code', async () => {
      const loopback = await startLoopbackRedirect({ deliver: (query) => pending.handleCallback(query), logger: silentLogger });
      const answer = pending.wait('state-1');
      answer.catch(() => undefined);
      const page = await get(`${loopback.redirectUri}?error=access_denied&error_description=secret-detail&state=state-1`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.body, /secret-detail|access_denied/);
      assert.equal(await reasonOf(answer), 'accessDenied');
      await loopback.close();
    });

    it('closes by itself after its lifetime', async () => {
      const loopback = await startLoopbackRedirect({ deliver: () => false, logger: silentLogger, lifetimeMs: 50 });
      await eventually(async () => !(await connects(loopback.port)), 'still listening after its lifetime');
    });

    it('a fixed port in use is a clear error naming boomtown.loopbackPort', async () => {
      const other = await loopbackServer(() => undefined);
      const port = Number(new URL(other.url).port);
      try {
        const start = startLoopbackRedirect({ port, deliver: () => false, logger: silentLogger });
        assert.equal(await reasonOf(start), 'badInput');
        const error = await start.then(() => undefined, (e: unknown) => e as Error);
        assert.match(String(error?.message), /boomtown\.loopbackPort/);
        assert.match(String(error?.message), new RegExp(String(port)));
      } finally {
        await other.close();
      }
    });

    it('listens on the fixed port when it is free', async () => {
      const taken = await loopbackServer(() => undefined);
      const port = Number(new URL(taken.url).port);
      await taken.close();
      const loopback = await startLoopbackRedirect({ port, deliver: () => false, logger: silentLogger });
      assert.equal(loopback.redirectUri, `http://127.0.0.1:${port}/callback`);
      await loopback.close();
      assert.equal(await connects(port), false);
    });
  });

  describe('a sign-in through it, against the sandbox', function () {
    this.timeout(30_000);
    let env: Awaited<ReturnType<typeof startSandbox>>;
    let window: TestWindow;
    beforeEach(async () => {
      env = await startSandbox();
      window = openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials });
    });
    afterEach(async () => {
      window.close();
      await env.close();
    });

    /** A browser on this machine: follows the authorize redirect to the loopback address with plain HTTP. */
    function localBrowser(): SignInBrowser & { opened: string[]; landed: Array<{ url: string; status: number }> } {
      const opened: string[] = [];
      const landed: Array<{ url: string; status: number }> = [];
      return {
        opened,
        landed,
        redirectUri: async () => assert.fail('the loopback flow asked for VS Code\'s redirect URI'),
        open: async (authorizeUrl) => {
          opened.push(authorizeUrl);
          const url = new URL(authorizeUrl);
          const response = await env.dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET' });
          await response.body.text();
          const location = String(response.headers.location);
          landed.push({ url: location, status: (await get(location)).status });
        },
      };
    }

    it('signs in with the loopback redirect URI in both requests, and leaves no socket listening', async () => {
      const browser = localBrowser();
      const session = await window.service.createSession(['leads:read'], browser, { flow: { kind: 'loopback' } });
      assert.ok(session.accessToken);
      const redirectUri = new URL(browser.opened[0]).searchParams.get('redirect_uri') ?? '';
      assert.match(redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      assert.equal(browser.landed[0].status, 200);
      assert.equal(await connects(Number(new URL(redirectUri).port)), false, 'a socket is left listening');
      assert.equal(env.sandbox.counters().byGrant.authorization_code, 1);
      const callback = new URL(browser.landed[0].url).searchParams;
      for (const secret of [callback.get('code'), callback.get('state')]) assert.ok(secret && !window.log.text().includes(secret), 'the callback\'s query reached the log');
    });

    it('cancelling closes the server', async () => {
      const controller = new AbortController();
      let redirectUri = '';
      const browser: SignInBrowser = {
        redirectUri: async () => assert.fail('not the vscode flow'),
        open: async (authorizeUrl) => {
          redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '';
          setTimeout(() => controller.abort(), 10);
        },
      };
      const signIn = window.service.createSession(['leads:read'], browser, { flow: { kind: 'loopback' }, cancellation: controller.signal });
      assert.equal(await reasonOf(signIn), 'cancelled');
      assert.equal(await connects(Number(new URL(redirectUri).port)), false, 'a socket is left listening after the cancel');
    });

    it('a remote window whose forwarded address is not loopback fails the flow, and closes the server', async () => {
      let port = 0;
      const expose = async (uri: string) => {
        port = Number(new URL(uri).port);
        return `https://proxy.example.test/proxy/${port}/callback`;
      };
      const signIn = window.service.createSession(['leads:read'], localBrowser(), { flow: { kind: 'loopback', expose } });
      assert.equal(await reasonOf(signIn), 'badInput');
      assert.equal(await connects(port), false);
    });

    it('a window whose forwarded address is still loopback signs in with that address, and closes the server after', async () => {
      const exposed: string[] = [];
      // VS Code on the desktop forwards a loopback address to itself.
      const expose = async (uri: string) => {
        exposed.push(uri);
        return uri;
      };
      const browser = localBrowser();
      const session = await window.service.createSession(['leads:read'], browser, { flow: { kind: 'loopback', expose } });
      assert.ok(session.accessToken);
      assert.equal(new URL(browser.opened[0]).searchParams.get('redirect_uri'), exposed[0]);
      assert.equal(browser.landed[0].status, 200);
      assert.equal(await connects(Number(new URL(exposed[0]).port)), false, 'a socket is left listening');
    });

    it('signs in at a fixed redirect URI (boomtown.redirectUri) without asking VS Code for one', async () => {
      const redirectUri = 'https://crm.example.test/boomtown/callback';
      const browser = new RedirectFollowingBrowser(env.dispatcher, window.pending);
      browser.redirectUri = async () => assert.fail('the fixed redirect URI flow asked VS Code for its redirect URI');
      const session = await window.service.createSession(['leads:read'], browser, { flow: { kind: 'redirectUri', redirectUri } });
      assert.ok(session.accessToken);
      assert.equal(new URL(browser.opened[0]).searchParams.get('redirect_uri'), redirectUri);
      assert.ok(browser.callbacks[0].startsWith(`${redirectUri}?`), browser.callbacks[0]);
    });

    it('signing in as a named account that the browser does not sign in keeps the browser\'s account, and says so in the log', async () => {
      const browser = new RedirectFollowingBrowser(env.dispatcher, window.pending);
      const session = await window.service.createSession(['leads:read'], browser, { account: { id: 'someone-else', label: 'someone@else.test' } });
      assert.equal(session.account.id, env.sandbox.users[0].id);
      assert.equal(new URL(browser.opened[0]).searchParams.get('login_hint'), 'someone@else.test');
      assert.match(window.log.text(), /Asked to sign in as someone@else\.test but the browser signed in/);
    });
  });

  describe('which forwarded addresses count as loopback (isLoopbackUri)', () => {
    const table: Array<[string, boolean]> = [
      ['http://127.0.0.1:3000/callback', true],
      ['http://[::1]:3000/callback', true],
      ['http://localhost:3000/callback', true],
      ['https://127.0.0.1:3000/callback', false],
      ['http://proxy.example.test/proxy/3000/callback', false],
      ['not a url', false],
      ['', false],
    ];
    for (const [uri, expected] of table) {
      it(`${JSON.stringify(uri)}: ${expected}`, () => assert.equal(isLoopbackUri(uri), expected));
    }
  });

  describe('a server that registers one loopback port exactly (as VS Code\'s MCP sign-in, 33418)', function () {
    this.timeout(30_000);

    async function freePort(): Promise<number> {
      const taken = await loopbackServer(() => undefined);
      await taken.close();
      return Number(new URL(taken.url).port);
    }

    /** The authorize answer: a redirect (302) to the loopback server, or the sandbox's refusal page. */
    function followingBrowser(env: Awaited<ReturnType<typeof startSandbox>>, statuses: number[]): SignInBrowser {
      return {
        redirectUri: async () => assert.fail('not the vscode flow'),
        open: async (authorizeUrl) => {
          const url = new URL(authorizeUrl);
          const response = await env.dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET' });
          await response.body.text();
          statuses.push(response.statusCode);
          if (response.statusCode === 302) await get(String(response.headers.location));
        },
      };
    }

    it('signs in with boomtown.loopbackPort set to that port; an ephemeral port is refused and nothing comes back', async () => {
      const port = await freePort();
      const env = await startSandbox({ exactLoopbackPort: port });
      const window = openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials });
      try {
        const refused: number[] = [];
        const controller = new AbortController();
        const ephemeral = window.service.createSession(['leads:read'], followingBrowser(env, refused), { flow: { kind: 'loopback' }, cancellation: controller.signal });
        await eventually(async () => refused.length === 1, 'the browser never reached authorize');
        assert.equal(refused[0], 400, 'the sandbox accepted an ephemeral loopback port');
        controller.abort();
        assert.equal(await reasonOf(ephemeral), 'cancelled');

        const statuses: number[] = [];
        const session = await window.service.createSession(['leads:read'], followingBrowser(env, statuses), { flow: { kind: 'loopback', port } });
        assert.deepEqual(statuses, [302]);
        assert.ok(session.accessToken);
        assert.equal(await connects(port), false);
      } finally {
        window.close();
        await env.close();
      }
    });
  });
});
