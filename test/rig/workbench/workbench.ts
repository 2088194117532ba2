import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { ClickTarget } from '../bridgeProtocol';

export interface WorkbenchTarget {
  /** `http://127.0.0.1:PORT` of code-server. */
  codeServerUrl: string;
  /** The folder the window opens. */
  folder: string;
  /** The extension under development (an absolute path on this machine); none when testing an installed .vsix. */
  extensionDevelopmentPath?: string;
  /** Set only for VS Code's own extension-test mode, which refuses dialogs: see the test driver. */
  extensionTestsPath?: string;
}

/**
 * code-server's CLI refuses --extensionDevelopmentPath, but the web workbench reads the same
 * options from the `payload` query parameter, as vscode-remote URIs on this server.
 */
export function workbenchUrl(target: WorkbenchTarget): string {
  const authority = new URL(target.codeServerUrl).host;
  const remote = (absolutePath: string) => `vscode-remote://${authority}${absolutePath}`;
  const payload: Array<[string, string]> = [];
  if (target.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `${target.codeServerUrl}/?folder=${encodeURIComponent(target.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export interface AutomationHooks {
  /** VS Code's extension-test mode forwards the extension host's console here. */
  onLog(type: string, args: unknown[]): void;
  /** VS Code's extension-test mode calls this when the tests entry's run() settles. */
  onExit(code: number): void;
}

/** The browser's first tab, which shows the workbench; every other tab is one VS Code opened. */
export async function workbenchTab(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** Loads the workbench in its tab and waits until it is drawn. */
export async function openWorkbench(page: Page, url: string, hooks: AutomationHooks, timeoutMs = 90_000): Promise<void> {
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => hooks.onLog(type, args));
  await page.exposeFunction('codeAutomationExit', (code: number) => hooks.onExit(code));
  const started = Date.now();
  try {
    // The whole budget, not Playwright's 30 s for the page alone: on a busy 2-core machine the
    // workbench's scripts can take longer than that to load.
    await page.goto(url, { timeout: timeoutMs, waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: Math.max(1, timeoutMs - (Date.now() - started)) });
  } catch {
    throw new Error(`VS Code's workbench did not appear within ${timeoutMs} ms at ${url}`);
  }
}

/** What tests may do to the workbench through the bridge. */
export class WorkbenchActions {
  constructor(
    private readonly page: Page,
    private readonly screenshotsDir: string,
  ) {}

  async screenshot(name: string): Promise<string> {
    if (!/^[\w.-]{1,80}$/.test(name)) throw new Error(`screenshot name "${name}" must be letters, digits, ".", "-" or "_"`);
    await mkdir(this.screenshotsDir, { recursive: true });
    const file = path.join(this.screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  textOf(selector: string): Promise<string[]> {
    return this.page.locator(selector).allInnerTexts();
  }

  async click(target: ClickTarget): Promise<void> {
    const locator =
      typeof target === 'string'
        ? this.page.locator(target)
        : this.page.getByRole(target.role as Parameters<Page['getByRole']>[0], { name: target.name });
    await locator.first().click({ timeout: 10_000 });
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Clicks the Accounts icon of the activity bar and answers the menu's item labels. */
  async openAccountsMenu(): Promise<string[]> {
    // The item, not its icon: with a badge ("1" when an extension asks for a sign-in) on top, the
    // icon never counts as clickable for Playwright.
    await this.page.locator('.activitybar li.action-item[aria-label^="Accounts"]').click({ timeout: 10_000 });
    const items = this.page.locator('.monaco-menu .action-item .action-label');
    await items.first().waitFor({ timeout: 10_000 });
    return (await items.allInnerTexts()).map((text) => text.trim()).filter((text) => text.length > 0);
  }
}
