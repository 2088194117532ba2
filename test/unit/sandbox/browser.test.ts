import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, type LaunchedBrowser } from '../../sandbox/drivers/browser';
import { start, type Sandbox } from '../../sandbox/index';
import { apiGet, authorizeUrl, exchangeCode, newPkce, pollDeviceToken, requestDeviceCode } from '../../sandbox/drivers/testClient';

/** A loopback "app" that receives the OAuth redirect, as the extension's callback would. */
class CallbackListener {
  private server!: Server;
  private waiting: Array<(url: string) => void> = [];
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      // Only redirects count: the browser may also ask this origin for /favicon.ico.
      if (!(req.url ?? '').split('?')[0].endsWith('/callback')) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this page now.');
      this.waiting.shift()?.(req.url ?? '');
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The next callback URL (path and query), or a rejection after `timeoutMs` so a blocked redirect fails fast. */
  next(timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no redirect reached the callback within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((url) => {
        clearTimeout(timer);
        resolve(url);
      });
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('sandbox consent page in Chromium', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let browser: LaunchedBrowser;
  const callback = new CallbackListener();
  // One tab for the whole suite: closing a tab right after a redirect sometimes hangs in headless Chromium.
  let page: Page;
  const cspViolations: string[] = [];

  before(async function () {
    if (!chromiumAvailable()) {
      console.warn(`    skipped: ${CHROMIUM_PATH} is absent (apt-get install -y chromium)`);
      this.skip();
    }
    sandbox = await start({ leads: 10 });
    await callback.start();
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await callback.stop().catch(() => undefined);
    await sandbox?.stop();
  });

  async function consent(redirectUri: string, button: '#approve' | '#deny', state: string, challenge: string): Promise<string> {
    cspViolations.length = 0;
    await page.goto(authorizeUrl(sandbox.url, { redirectUri, state, challenge, loginHint: 'u_2' }));
    assert.equal(await page.isChecked('input[name="user"][value="u_2"]'), true);
    const [url] = await Promise.all([callback.next(), page.click(button)]);
    assert.deepEqual(cspViolations, []);
    return url;
  }

  it('Approve redirects to the loopback callback with code and state, and the code works', async () => {
    const pkce = newPkce();
    const redirectUri = `http://127.0.0.1:${callback.port}/callback`;
    const arrived = new URL(await consent(redirectUri, '#approve', 'browser-state', pkce.challenge), redirectUri);
    assert.equal(arrived.pathname, '/callback');
    assert.equal(arrived.searchParams.get('state'), 'browser-state');
    const code = arrived.searchParams.get('code')!;
    assert.match(code, /^bt_code_/);
    const tokens = await exchangeCode(sandbox.url, { code, pkce, redirectUri, state: 'browser-state' });
    assert.equal(tokens.status, 200);
    assert.equal((await apiGet(sandbox.url, '/v1/me', tokens.json.access_token)).json.id, 'u_2');
  });

  it('Approve keeps the query of a code-server style callback and appends code and state', async () => {
    const query = 'vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=boomtown-dev.boomtown-vscode&vscode-path=%2Fcallback&vscode-query=';
    const redirectUri = `http://127.0.0.1:${callback.port}/stable-0123abc/callback?${query}`;
    const arrived = await consent(redirectUri, '#approve', 's2', newPkce().challenge);
    assert.match(arrived, new RegExp(`^/stable-0123abc/callback\\?${query.replace(/[?]/g, '\\?')}&code=bt_code_[^&]+&state=s2$`));
  });

  it('Deny redirects with error=access_denied and state', async () => {
    const redirectUri = `http://127.0.0.1:${callback.port}/callback`;
    const arrived = new URL(await consent(redirectUri, '#deny', 'denied-state', newPkce().challenge), redirectUri);
    assert.equal(arrived.searchParams.get('error'), 'access_denied');
    assert.equal(arrived.searchParams.get('state'), 'denied-state');
    assert.equal(arrived.searchParams.get('code'), null);
  });

  it('the device page: a typed code, then Approve as a chosen user; the poll then gets tokens', async () => {
    cspViolations.length = 0;
    const device = (await requestDeviceCode(sandbox.url)).json;
    await page.goto(device.verification_uri);
    await page.fill('#user_code', device.user_code.toLowerCase());
    await Promise.all([page.waitForURL(/user_code=/), page.click('#continue')]);
    assert.equal(await page.textContent('#shown_code'), device.user_code);
    await page.check('input[name="user"][value="u_3"]');
    await Promise.all([page.waitForURL(/\/oauth\/device\/decision$/), page.click('#approve')]);
    assert.equal(await page.textContent('#outcome'), 'Device connected');
    assert.deepEqual(cspViolations, []);
    const tokens = await pollDeviceToken(sandbox.url, device.device_code);
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal((await apiGet(sandbox.url, '/v1/me', tokens.json.access_token)).json.id, 'u_3');
  });

  it('the device page: verification_uri_complete, then Deny', async () => {
    const device = (await requestDeviceCode(sandbox.url)).json;
    await page.goto(device.verification_uri_complete);
    await Promise.all([page.waitForURL(/\/oauth\/device\/decision$/), page.click('#deny')]);
    assert.equal(await page.textContent('#outcome'), 'Access denied');
    assert.equal((await pollDeviceToken(sandbox.url, device.device_code)).json.error, 'access_denied');
  });
});
