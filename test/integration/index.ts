/**
 * The integration suite's entry, bundled to dist/test/integration/index.js. Both runners load it:
 * the offline runner's test driver (code-server) and @vscode/test-electron (extensionTestsPath).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { RigEnv, type SuiteResult } from '../rig/bridgeProtocol';
import { rigFromEnvironment, type Rig } from './helpers/rig';

/** Runs every bundled *.test.js beside this file; rejects when any test fails. */
export async function run(): Promise<void> {
  const rig = rigFromEnvironment();
  // Under the offline runner, output travels over the bridge; otherwise to the console VS Code forwards.
  const write = rig ? (line: string) => rig.log(line) : (line: string) => console.log(line);

  const grep = process.env[RigEnv.grep];
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
    ...(grep ? { grep } : {}),
    // Every failed test leaves a picture of the workbench behind (test-results/screenshots/failed-*.png).
    rootHooks: { afterEach: [screenshotOnFailure(rig)] },
  });
  for (const file of testFilesBeside(__dirname)) mocha.addFile(file);

  const result = await runWithOutput(mocha, write);
  await rig?.reportResult(result);
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
}

function screenshotOnFailure(rig: Rig | undefined): Mocha.Func {
  return async function (this: Mocha.Context) {
    const test = this.currentTest;
    if (rig && test?.state === 'failed') await rig.screenshot(`failed-${test.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  };
}

/**
 * The restart test signs in, and the window reloads only after the whole pass: a test after it that
 * signs out (the two-tab test does) would leave nothing to find. It runs last; the rest by name.
 */
const RUNS_LAST = 'restart.test.js';

function testFilesBeside(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort((a, b) => Number(a === RUNS_LAST) - Number(b === RUNS_LAST) || a.localeCompare(b))
    .map((file) => path.join(dir, file));
}

/**
 * Mocha's reporters print through `Base.consoleLog`, which is there to be replaced: it is pointed at
 * `write` for the run and put back after.
 */
function runWithOutput(mocha: Mocha, write: (line: string) => void): Promise<SuiteResult> {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) write(line);
  };
  return new Promise<SuiteResult>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        base.consoleLog = original;
        const stats = runner.stats;
        resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 });
      });
    } catch (error) {
      base.consoleLog = original;
      reject(error);
    }
  });
}
