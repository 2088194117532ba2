import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The web workbench code-server serves, inside its install. */
const WORKBENCH_JS = path.join('node_modules', 'code-server', 'lib', 'vscode', 'out', 'vs', 'code', 'browser', 'workbench', 'workbench.js');
/** Written once the workbench was checked (and its gate opened), so it is read once, not on every run. */
const CHECKED_MARKER = '.boomtown-payload-gate-checked';

/**
 * VS Code 1.133 and later read the workbench URL's `payload` (extensionDevelopmentPath,
 * extensionTestsPath) only in an unbuilt VS Code or with the smoke-test driver on
 * (`developmentOptions.enableSmokeTestDriver`):
 *
 *   if (this.payload && (!this.isBuilt || this.enableSmokeTestDriver)) for (const [key, value] of this.payload) …
 *
 * code-server is a built VS Code, so without the driver the development folder is silently not
 * loaded. The driver (code-server 4.139 can turn it on with `--vscode-option
 * enable-smoke-test-driver`) is no way out: in 1.139 it also stops every notification toast (smoke
 * tests read the notifications centre instead), so a person would not see the sign-in's progress,
 * its Cancel button or its errors, and neither would the tests that act as that person.
 */
const GATE = '&&(!this.isBuilt||this.enableSmokeTestDriver)';
const FIRST_GATED_VSCODE = [1, 133] as const;

/**
 * Opens that gate in the cached install, and nothing else: the payload is read as VS Code 1.100
 * reads it. Only ever a development cache of ours; what users install is tested by the vsix runs,
 * which use no payload. Idempotent; replaced atomically, so a running code-server is unaffected.
 */
export async function openPayloadGate(installDir: string, vscodeVersion: string): Promise<void> {
  if (payloadGateChecked(installDir)) return;
  const file = path.join(installDir, WORKBENCH_JS);
  const source = await readFile(file, 'utf8');
  const count = source.split(GATE).length - 1;
  if (count === 0) {
    if (isGatedRelease(vscodeVersion)) {
      throw new Error(`VS Code ${vscodeVersion} reads the workbench payload only with the smoke-test driver, but ${file} no longer holds "${GATE}": the development folder would not load`);
    }
    await writeFile(path.join(installDir, CHECKED_MARKER), `no payload gate in ${WORKBENCH_JS}\n`);
    return;
  }
  if (count > 1) throw new Error(`${file} holds "${GATE}" ${count} times: which one gates the payload is unclear`);
  const staged = `${file}.boomtown-${process.pid}`;
  await writeFile(staged, source.replace(GATE, ''));
  await rename(staged, file);
  await writeFile(path.join(installDir, CHECKED_MARKER), `removed "${GATE}" from ${WORKBENCH_JS}\n`);
}

export function payloadGateChecked(installDir: string): boolean {
  return existsSync(path.join(installDir, CHECKED_MARKER));
}

function isGatedRelease(vscodeVersion: string): boolean {
  const [major = 0, minor = 0] = vscodeVersion.split('.').map(Number);
  return major > FIRST_GATED_VSCODE[0] || (major === FIRST_GATED_VSCODE[0] && minor >= FIRST_GATED_VSCODE[1]);
}
