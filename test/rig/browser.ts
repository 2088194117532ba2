import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium package; Playwright's own browser download is not reachable offline. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface BrowserOptions {
  /** A fresh, empty folder: the browser profile and its XDG folders go in there. */
  scratchDir: string;
  executablePath?: string;
  viewport?: { width: number; height: number };
}

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: BrowserOptions): Promise<RunningBrowser> {
  const executablePath = options.executablePath ?? process.env.BOOMTOWN_RIG_CHROMIUM ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium, or set BOOMTOWN_RIG_CHROMIUM)`);
  }
  const profileDir = path.join(options.scratchDir, 'profile');
  const xdgConfig = path.join(options.scratchDir, 'xdg', 'config');
  const xdgData = path.join(options.scratchDir, 'xdg', 'data');
  const xdgCache = path.join(options.scratchDir, 'xdg', 'cache');
  const tmp = path.join(options.scratchDir, 'tmp');
  for (const dir of [profileDir, xdgConfig, xdgData, xdgCache, tmp]) await mkdir(dir, { recursive: true });

  // launchPersistentContext owns --user-data-dir; each run gets a fresh profile, so no state leaks between runs.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    // The runner closes the browser in its own cleanup; Playwright's handlers would exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    // As a person who allowed it once: VS Code's clipboard API reads and writes the browser's clipboard.
    permissions: ['clipboard-read', 'clipboard-write'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, XDG_CONFIG_HOME: xdgConfig, XDG_DATA_HOME: xdgData, XDG_CACHE_HOME: xdgCache, TMPDIR: tmp },
  });
  let closed = false;
  return {
    context,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
    },
  };
}
