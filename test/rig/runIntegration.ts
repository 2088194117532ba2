/**
 * `npm run test:integration`, `test:vsix`, `test:rig`: runs test/integration inside a real VS Code
 * (code-server + Debian Chromium), offline, once per code-server version and extension source.
 * Installs what it needs first (Chromium, the Debian build packages, code-server into the cache).
 * Ends with one line `N passed, N failed` covering every run; exits non-zero when a test fails,
 * VS Code does not start, or time runs out. Everything it starts is stopped, Ctrl+C included.
 *
 * Options (or environment):
 *   --code-server <versions>  BOOMTOWN_CODE_SERVER      oldest (4.100.3, default), newest (4.139.1), all,
 *                                                       an exact version, or a comma-separated list
 *   --runs <kinds>            BOOMTOWN_RIG_RUNS         development (default), vsix, or development,vsix
 *   --vsix <file.vsix>        BOOMTOWN_RIG_VSIX         the package a vsix run checks, installs with code-server's
 *                                                       CLI and tests (default dist/boomtown-vscode.vsix; giving it
 *                                                       alone means --runs vsix)
 *   --grep <regexp>           BOOMTOWN_RIG_GREP         only the tests whose full title matches (a vsix run
 *                                                       otherwise runs the package's suites, VSIX_SUITES)
 *   --mode driver|automation  BOOMTOWN_RIG_MODE         driver (default): tests started by the test-driver
 *                                                       extension, dialogs work; automation: VS Code's own
 *                                                       extensionTestsPath mode, which refuses dialogs
 *   --extension <dir>         BOOMTOWN_RIG_EXTENSION    the extension to load (default: this repository)
 *   --screenshot <file.png>   BOOMTOWN_RIG_SCREENSHOT   a PNG of the workbench at the end of each run
 *   --timeout <seconds>       BOOMTOWN_RIG_TIMEOUT      each run, default 480 (an install comes on top)
 *   --verbose                 BOOMTOWN_RIG_VERBOSE=1    also print code-server's and the extension host's console
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer } from './install/codeServerInstall';
import { ensureChromium } from './install/debianPackages';
import { buildExtension, buildIntegrationTests } from './run/build';
import { Cleanup, onStopSignal } from './run/cleanup';
import { IntegrationRun, type Finish } from './run/integrationRun';
import { addTallies, closeWith, say, tallyLine, type Tally } from './run/output';
import { delay } from './run/processes';
import { describeRun, parseOptions, runSpecs, type RigOptions, type RunSpec } from './run/runOptions';
import { StartupFigures } from './run/startupFigures';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** When a run ends during start-up, how long to wait for the step under way to finish, so it can be stopped. */
const START_SETTLE_TIMEOUT_MS = 10_000;
const FAILED_ONCE: Tally = { passed: 0, failed: 1, skipped: 0 };

interface Outcome {
  spec: RunSpec;
  tally: Tally;
  seconds: number;
  note?: string;
}

/** Set on Ctrl+C (or a kill): the run under way ends, the ones after it do not start. */
const interruption: { signal?: string; exitCode?: number; run?: IntegrationRun } = {};

/** The development build and the test bundles, once for every run; the package was built by `npm run package`. */
async function prepare(options: RigOptions): Promise<string> {
  say(`building (${options.mode} mode)`);
  if (options.runs.includes('development')) await buildExtension(options.extensionPath, say);
  if (options.runs.includes('vsix') && !existsSync(options.vsix)) throw new Error(`${options.vsix} does not exist: run npm run package first`);
  const testsEntry = await buildIntegrationTests(REPO_ROOT);
  await ensureChromium(say);
  return testsEntry;
}

/** Every startup's activation ratio, over all the runs of this invocation. */
const figures = new StartupFigures();

async function runOnce(spec: RunSpec, testsEntry: string): Promise<Outcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  let install;
  try {
    install = await ensureCodeServer(spec.version, say);
  } catch (error) {
    say(`FAILED: code-server ${spec.version} could not be installed: ${error instanceof Error ? error.message : String(error)}`);
    return { spec, tally: FAILED_ONCE, seconds: seconds(), note: 'install failed' };
  }
  const cleanup = new Cleanup();
  const run = new IntegrationRun(spec, install, testsEntry, REPO_ROOT, cleanup, figures);
  interruption.run = run;
  const deadline = setTimeout(() => run.finish({ error: `timed out after ${spec.timeoutMs / 1000} s (BOOMTOWN_RIG_TIMEOUT)` }), spec.timeoutMs);
  const starting = run.start().catch((error: unknown) => run.finish({ error: error instanceof Error ? error.message : String(error) }));

  const finish: Finish = await run.finished;
  clearTimeout(deadline);
  if (finish.error) say(`FAILED: ${finish.error}`);
  await run.screenshots(finish);
  await cleanup.runAll(say);
  // Interrupted during start-up: whatever finishes starting now is stopped as it is added.
  await Promise.race([starting, delay(START_SETTLE_TIMEOUT_MS)]);
  await cleanup.lateStepsDone();
  await run.removeFolders();
  interruption.run = undefined;
  return { spec, tally: run.tally(finish), seconds: seconds() };
}

async function main(): Promise<number> {
  const started = Date.now();
  let options: RigOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env, REPO_ROOT);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    closeWith(tallyLine(FAILED_ONCE));
    return 2;
  }
  const outcomes: Outcome[] = [];
  // Outside a run (building, installing) there is nothing of ours to stop but child processes,
  // which share the terminal's signal: count one failure and leave.
  const abortOutsideRun = (reason: string, exitCode: number) => {
    say(`FAILED: ${reason}`);
    closeWith(tallyLine(addTallies([...outcomes.map((outcome) => outcome.tally), FAILED_ONCE])));
    process.exit(exitCode);
  };
  onStopSignal((signal, exitCode) => {
    Object.assign(interruption, { signal, exitCode });
    if (interruption.run) interruption.run.finish({ error: `interrupted by ${signal}`, exitCode });
    else abortOutsideRun(`interrupted by ${signal}`, exitCode);
  });
  // A bug in the rig must still stop code-server and Chromium.
  const crashed = (error: unknown) => {
    const reason = `rig crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    if (interruption.run) interruption.run.finish({ error: reason });
    else abortOutsideRun(reason, 1);
  };
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);

  const specs = runSpecs(options);
  let testsEntry: string | undefined;
  try {
    testsEntry = await prepare(options);
  } catch (error) {
    say(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const spec of specs) {
    if (!testsEntry || interruption.signal) {
      outcomes.push({ spec, tally: FAILED_ONCE, seconds: 0, note: testsEntry ? 'not run: interrupted' : 'not run: preparing failed' });
      continue;
    }
    say(`=== ${describeRun(spec, REPO_ROOT)} ===`);
    const outcome = await runOnce(spec, testsEntry);
    say(`${describeRun(spec, REPO_ROOT)}: ${tallyLine(outcome.tally)} (${outcome.seconds.toFixed(1)} s)`);
    outcomes.push(outcome);
  }
  say(`finished ${specs.length} run${specs.length === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  for (const { spec, tally, seconds, note } of outcomes) {
    say(`  ${describeRun(spec, REPO_ROOT).padEnd(58)} ${tallyLine(tally).padEnd(22)} ${note ?? `${seconds.toFixed(1)} s`}`);
  }
  const figure = figures.summary();
  if (figure) say(figure);
  const total = addTallies(outcomes.map((outcome) => outcome.tally));
  closeWith(tallyLine(total));
  return interruption.exitCode ?? (total.failed > 0 ? 1 : 0);
}

void main().then((exitCode) => process.exit(exitCode));
