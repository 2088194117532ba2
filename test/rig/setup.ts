/**
 * `npm run setup`: installs ahead of time what `npm start` and `npm test` would install on first
 * use: Chromium, the Debian packages code-server's build needs, and code-server (every version
 * the tests run on, or those given) into the cache.
 *
 *   --code-server <versions>   BOOMTOWN_CODE_SERVER   default all (4.100.3 and 4.139.1)
 */
import { ensureCodeServer } from './install/codeServerInstall';
import { ensureChromium } from './install/debianPackages';
import { resolveCodeServerVersions } from './install/versions';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--code-server');
  const versions = resolveCodeServerVersions((at >= 0 ? process.argv[at + 1] : undefined) ?? process.env.BOOMTOWN_CODE_SERVER ?? 'all');
  const log = (line: string) => console.log(line);
  await ensureChromium(log);
  for (const version of versions) {
    const install = await ensureCodeServer(version, log);
    console.log(`code-server ${version} ready: ${install.entry} (on ${install.node.binary})`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
