/** Headless Debian Chromium for the sandbox's own page tests and screenshot, launched the rig's way. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { DEFAULT_CHROMIUM, launchBrowser } from '../../rig/browser';

export const CHROMIUM_PATH = process.env.BOOMTOWN_RIG_CHROMIUM ?? DEFAULT_CHROMIUM;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A throwaway profile in a temp folder, removed on close. */
export async function launchChromium(viewport = { width: 760, height: 820 }): Promise<LaunchedBrowser> {
  const scratchDir = await mkdtemp(join(tmpdir(), 'sandbox-chromium-'));
  const browser = await launchBrowser({ scratchDir, viewport, executablePath: CHROMIUM_PATH });
  return {
    context: browser.context,
    close: async () => {
      await browser.close();
      await rm(scratchDir, { recursive: true, force: true });
    },
  };
}
