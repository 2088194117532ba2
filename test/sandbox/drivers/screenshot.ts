/**
 * Takes a screenshot of the consent page: `npx tsx test/sandbox/drivers/screenshot.ts [output.png]`
 * (default /tmp/sandbox-consent.png). Needs /usr/bin/chromium.
 */
import { launchChromium } from './browser';
import { start } from '../index';
import { authorizeUrl } from './testClient';

async function main(): Promise<void> {
  const output = process.argv[2] ?? '/tmp/sandbox-consent.png';
  const sandbox = await start({ leads: 10 });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(authorizeUrl(sandbox.url, { loginHint: 'u_2', scope: 'offline_access leads:read agents:read profile' }));
    await page.screenshot({ path: output, fullPage: true });
    console.log(`consent page screenshot: ${output}`);
  } finally {
    await browser.close();
    await sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
