import type { BrowserContext, Page } from 'playwright-core';
import type { ConsentAnswer } from '../bridgeProtocol';

export interface NewTabsOptions {
  /** The workbench's own tab, which is not one of the new tabs. */
  workbench: Page;
  /** Origin of the BoomTown authorization server whose consent page this browser answers. */
  consentOrigin: string;
  /** Where VS Code's sign-in callback lands ("You can close this page now"). */
  codeServerUrl: string;
  log: (line: string) => void;
  /** Tabs that show a workbench of their own (a second window), not pages VS Code opened. */
  isWorkbench?: (page: Page) => boolean;
}

const DEFAULT_CONSENT: ConsentAnswer = 'approve';
const TAB_STEP_TIMEOUT_MS = 30_000;

/**
 * The workbench opens external URLs with window.open. Wrapping it records each URL exactly as VS
 * Code handed it to the browser, before any navigation, redirect or canonicalisation. A string:
 * this project compiles without DOM types.
 */
const RECORD_WINDOW_OPEN = `(() => {
  const open = window.open.bind(window);
  window.open = (url, ...rest) => {
    if (url !== undefined && url !== null && String(url) !== '') void window.rigTabOpened(String(url));
    return open(url, ...rest);
  };
})()`;

/**
 * Every tab VS Code opens (openExternal): records the URL it opened, answers a BoomTown consent
 * page as told, and closes the tab once the sign-in callback has been delivered to VS Code.
 */
export class NewTabs {
  private readonly urls: string[] = [];
  private nextConsent: ConsentAnswer = DEFAULT_CONSENT;

  private constructor(private readonly options: NewTabsOptions) {}

  /** Call before the workbench loads, so the window.open wrapper is in place from the start. */
  static async watch(context: BrowserContext, options: NewTabsOptions): Promise<NewTabs> {
    const tabs = new NewTabs(options);
    await options.workbench.exposeFunction('rigTabOpened', (url: string) => tabs.recordOpened(url));
    await options.workbench.addInitScript({ content: RECORD_WINDOW_OPEN });
    context.on('page', (tab) => {
      if (tab === options.workbench) return;
      void tabs.follow(tab).catch(async (error: unknown) => {
        const shows = tab.isClosed() ? '' : (await tab.locator('body').innerText({ timeout: 2000 }).catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
        options.log(`browser: tab at ${redactQuery(tab.url())}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}${shows ? ` (page shows: "${shows}")` : ''}`);
      });
    });
    return tabs;
  }

  /** Applies to the next consent page only; after it the browser approves again. */
  setNextConsent(answer: ConsentAnswer): void {
    this.nextConsent = answer;
  }

  openedUrls(): string[] {
    return [...this.urls];
  }

  private recordOpened(url: string): void {
    this.urls.push(url);
    this.options.log(`browser: VS Code opened a tab: ${redactQuery(url)}`);
  }

  private async follow(tab: Page): Promise<void> {
    await firstUrl(tab);
    // Asked only now: a tab the rig opens itself is reported before the rig knows it as its own.
    if (this.options.isWorkbench?.(tab)) return;
    const isCallback = (candidate: URL) => candidate.href.startsWith(this.options.codeServerUrl);
    // Where an approval sends the browser: code-server's callback, or any other redirect URI (a loopback server).
    const leftServer = (candidate: URL) => isCallback(candidate) || candidate.origin !== this.options.consentOrigin;
    const first = new URL(tab.url());
    if (first.origin === this.options.consentOrigin) {
      // The server may show its consent (or device code) page, redirect at once when it approves by
      // itself, or show a page with nothing to decide (a refused redirect URI: the sign-in cannot go on here).
      const shown = await Promise.race([
        tab.locator('#approve').waitFor({ timeout: TAB_STEP_TIMEOUT_MS }).then(() => 'consent' as const),
        tab.waitForURL(leftServer, { timeout: TAB_STEP_TIMEOUT_MS }).then(() => 'callback' as const),
        tab.locator(NOTHING_TO_DECIDE).waitFor({ timeout: TAB_STEP_TIMEOUT_MS }).then(() => 'page' as const),
      ]);
      if (shown === 'page') {
        const said = (await tab.locator(NOTHING_TO_DECIDE).innerText()).replace(/\s+/g, ' ').trim();
        this.options.log(`browser: the sign-in server shows "${said}", nothing to answer there; the tab stays open`);
        return;
      }
      if (shown === 'consent') {
        const answer = this.nextConsent;
        this.nextConsent = DEFAULT_CONSENT;
        const device = new URL(tab.url()).pathname.startsWith(DEVICE_PAGE_PATH);
        this.options.log(`browser: ${device ? 'device code' : 'consent'} page -> ${answer}`);
        if (answer === 'ignore') return;
        await tab.locator(answer === 'approve' ? '#approve' : '#deny').click();
        if (device) {
          // RFC 8628: nothing comes back to the browser; the application learns the answer by polling.
          await tab.locator('#outcome').waitFor({ timeout: TAB_STEP_TIMEOUT_MS });
          this.options.log(`browser: device code answered ("${(await tab.locator('#outcome').innerText()).trim()}"), closing the tab`);
          await tab.close();
          return;
        }
        await tab.waitForURL(leftServer, { timeout: TAB_STEP_TIMEOUT_MS });
      }
    } else if (!isCallback(first)) {
      return;
    }
    await tab.waitForLoadState('load');
    const said = (await tab.locator('body').innerText({ timeout: 5000 }).catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 100);
    this.options.log(`browser: callback delivered to ${isCallback(new URL(tab.url())) ? 'VS Code' : redactQuery(tab.url())} ("${said}"), closing the tab`);
    await tab.close();
  }
}

/** The sandbox's device code page (test/sandbox/oauth/devicePage.ts): approving it sends nothing back. */
const DEVICE_PAGE_PATH = '/oauth/device';

/** A sandbox page with a heading but no decision to make: an error page, such as a refused redirect URI. */
const NOTHING_TO_DECIDE = 'main.card:not(:has(#approve)):not(:has(#user_code)) h1';

/**
 * A new tab often already has its URL when Playwright reports it, and then no navigation event
 * follows to wait for (waitForURL hangs there): poll instead.
 */
async function firstUrl(tab: Page): Promise<string> {
  for (const started = Date.now(); Date.now() - started < TAB_STEP_TIMEOUT_MS; ) {
    if (tab.url() !== 'about:blank' && tab.url() !== '') return tab.url();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the tab stayed blank');
}

/** Log lines show where a tab went, never the code, state or tokens in its query. */
function redactQuery(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  return parsed?.search ? `${parsed.origin}${parsed.pathname}?…` : url;
}
