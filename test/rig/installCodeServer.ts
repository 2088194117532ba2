/** `tsx test/rig/installCodeServer.ts`: installs (or finds) the cached code-server, as the test runner would. */
import { ensureCodeServer } from './codeServer';

ensureCodeServer((line) => console.log(line)).then(
  (install) => console.log(`code-server ready: ${install.entry}`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
