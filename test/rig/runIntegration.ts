/**
 * `npm run test:integration`: runs test/integration inside a real VS Code (code-server + Debian
 * Chromium), offline. Ends with one line `N passed, N failed`; exits non-zero when a test fails,
 * VS Code does not start, or time runs out. Everything it starts is stopped, Ctrl+C included.
 *
 * Options (or environment):
 *   --screenshot <file.png>   BOOMTOWN_RIG_SCREENSHOT   a PNG of the workbench at the end
 *   --mode driver|automation  BOOMTOWN_RIG_MODE         driver (default): tests started by the test-driver
 *                                                       extension, dialogs work; automation: VS Code's own
 *                                                       extensionTestsPath mode, which refuses dialogs
 *   --extension <dir>         BOOMTOWN_RIG_EXTENSION    the extension to load (default: this repository)
 *   --timeout <seconds>       BOOMTOWN_RIG_TIMEOUT      whole run, default 480
 *   --verbose                 BOOMTOWN_RIG_VERBOSE=1    also print code-server's and the extension host's console
 *   --grep <regexp>           BOOMTOWN_RIG_GREP         only the tests whose full title matches
 *   --vsix <file.vsix>        BOOMTOWN_RIG_VSIX         test the packaged extension: check what the package holds,
 *                                                       install it with code-server's CLI and open the window
 *                                                       without extensionDevelopmentPath (driver mode only)
 *   --record-tally <file>                               write this run's counts to <file> for a later run to add
 *   --add-tally <file>                                  add the counts recorded in <file> (then removed) to the
 *                                                       closing line, after printing this run's own
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startBridge, type BridgeHandlers } from './bridge';
import { RigEnv, type SuiteResult } from './bridgeProtocol';
import { buildExtension, buildIntegrationTests, installDriver } from './build';
import { Cleanup, onStopSignal } from './cleanup';
import { ensureCodeServer, installVsix, startCodeServer, type CodeServerInstall } from './codeServer';
import { delay } from './processes';
import { NewTabs } from './newTabs';
import { PeerTab, peerHandlers } from './peerTab';
import { answerPrompts } from './promptAnswerer';
import { createRunFolders, type RunFolders } from './runFolders';
import { startRigSandbox } from './sandbox';
import { addTallies, forgetTally, recordTally, takeTally, tallyLine, type RecordedTally, type Tally } from './tally';
import { describeContents, inspectVsix } from './vsixContents';
import { openWorkbench, WorkbenchActions, workbenchTab, workbenchUrl } from './workbench';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');
/** After the workbench appears, the driver must report within this long, or VS Code did not load it. */
const DRIVER_START_TIMEOUT_MS = 90_000;
/** When the run ends during start-up, how long to wait for the step under way to finish, so it can be stopped. */
const START_SETTLE_TIMEOUT_MS = 10_000;

interface RunOptions {
  mode: 'driver' | 'automation';
  screenshot?: string;
  extensionPath: string;
  timeoutMs: number;
  verbose: boolean;
  grep?: string;
  /** The packaged extension to install and test instead of the development folder. */
  vsix?: string;
  recordTally?: string;
  addTally?: string;
}

/** How the run ended: `error` is a rig failure (VS Code did not start, timeout, Ctrl+C), not a failing test. */
interface Finish {
  error?: string;
  exitCode?: number;
}

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): RunOptions {
  const flag = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const mode = flag('mode') ?? env.BOOMTOWN_RIG_MODE ?? 'driver';
  if (mode !== 'driver' && mode !== 'automation') throw new Error(`--mode must be driver or automation, not "${mode}"`);
  const timeoutSeconds = Number(flag('timeout') ?? env.BOOMTOWN_RIG_TIMEOUT ?? 480);
  if (!(timeoutSeconds > 0)) throw new Error('--timeout must be a positive number of seconds');
  const screenshot = flag('screenshot') ?? env.BOOMTOWN_RIG_SCREENSHOT;
  const vsix = flag('vsix') ?? env.BOOMTOWN_RIG_VSIX;
  const extension = flag('extension') ?? env.BOOMTOWN_RIG_EXTENSION;
  if (vsix && extension) throw new Error('--vsix and --extension both name the extension under test: give one');
  // VS Code's extension-test mode needs an extensionDevelopmentPath, which would load the development folder.
  if (vsix && mode !== 'driver') throw new Error('--vsix works in driver mode only');
  const recordTallyFile = flag('record-tally');
  const addTallyFile = flag('add-tally');
  return {
    mode,
    screenshot: screenshot ? path.resolve(screenshot) : undefined,
    extensionPath: path.resolve(extension ?? REPO_ROOT),
    timeoutMs: timeoutSeconds * 1000,
    verbose: argv.includes('--verbose') || env.BOOMTOWN_RIG_VERBOSE === '1',
    grep: flag('grep') ?? env[RigEnv.grep],
    vsix: vsix ? path.resolve(vsix) : undefined,
    recordTally: recordTallyFile ? path.resolve(recordTallyFile) : undefined,
    addTally: addTallyFile ? path.resolve(addTallyFile) : undefined,
  };
}

/** The closing `N passed, N failed` must be the last line: late messages (a tab closing under us) are dropped after it. */
const output = { closed: false };
const say = (line: string) => {
  if (!output.closed) console.log(`[rig] ${line}`);
};

class IntegrationRun {
  private result: SuiteResult | undefined;
  private page: Page | undefined;
  private actions: WorkbenchActions | undefined;
  private driverStarted = false;
  private peer: PeerTab | undefined;
  /** Set by a test's reloadWindow call: the tests to run once this pass is done and the window reloaded. */
  private reloadGrep: string | undefined;
  /** The counts of the passes before a reload, added to the next pass's. */
  private earlier: SuiteResult | undefined;
  private folders: RunFolders | undefined;
  private ended = false;
  /** In --vsix mode, whether the package holds exactly what it should: counted as one more test. */
  private packageContentsOk: boolean | undefined;
  private resolveFinish!: (finish: Finish) => void;
  readonly finished = new Promise<Finish>((resolve) => {
    this.resolveFinish = resolve;
  });

  constructor(
    private readonly options: RunOptions,
    private readonly cleanup: Cleanup,
  ) {}

  /** The first reason to stop wins; later ones are ignored. */
  finish(finish: Finish): void {
    this.ended = true;
    this.resolveFinish(finish);
  }

  /** Between start-up steps: once the run has ended (Ctrl+C, timeout), start nothing more. */
  private checkpoint(): void {
    if (this.ended) throw new Error('the run ended during start-up');
  }

  /** Last of all, once nothing can write into them any more. */
  async removeFolders(): Promise<void> {
    await this.folders?.remove().catch((error: unknown) => say(`removing ${this.folders?.root} failed: ${String(error)}`));
  }

  async start(): Promise<void> {
    const { options, cleanup } = this;
    const started = Date.now();
    const folders = await createRunFolders('boomtown-rig');
    this.folders = folders;

    this.checkpoint();
    say(`building (${options.mode} mode${options.vsix ? `, testing ${path.relative(REPO_ROOT, options.vsix)}` : ''})`);
    // The package was built by its own step (npm run package): the development build is not loaded.
    if (!options.vsix) await buildExtension(options.extensionPath, say);
    const testsEntry = await buildIntegrationTests(REPO_ROOT);
    if (options.mode === 'driver') await installDriver(REPO_ROOT, folders.extensionsDir);
    const install = await ensureCodeServer(say);
    if (options.vsix) {
      this.checkpoint();
      await this.installPackage(options.vsix, install, folders);
    }

    this.checkpoint();
    const { sandbox, env: sandboxEnv } = await startRigSandbox({ autoApprove: false });
    cleanup.add('sandbox', () => sandbox.stop());

    this.checkpoint();
    const tabs: { current?: NewTabs } = {};
    const bridge = await startBridge(this.bridgeHandlers(() => tabs.current));
    cleanup.add('bridge', () => bridge.close());

    this.checkpoint();
    const codeServer = await startCodeServer({
      install,
      userDataDir: folders.userDataDir,
      extensionsDir: folders.extensionsDir,
      scratchDir: folders.codeServerScratch,
      env: {
        ...sandboxEnv,
        [RigEnv.bridgeUrl]: bridge.url,
        [RigEnv.testsEntry]: testsEntry,
        [RigEnv.expect]: options.vsix ? 'vsix' : 'development',
        [RigEnv.extensionsDir]: folders.extensionsDir,
        ...(options.grep ? { [RigEnv.grep]: options.grep } : {}),
      },
    });
    cleanup.add('code-server', () => codeServer.stop());
    void codeServer.exited.then((how) => this.finish({ error: `code-server stopped unexpectedly (${how}):\n${codeServer.output().slice(-3000)}` }));
    if (options.verbose) say(`code-server ${codeServer.url}, sandbox ${sandbox.url}, bridge ${bridge.url}`);

    this.checkpoint();
    const browser = await launchBrowser({ scratchDir: folders.browserScratch });
    cleanup.add('browser', () => browser.close());
    const page = await workbenchTab(browser.context);
    this.page = page;
    this.actions = new WorkbenchActions(page, SCREENSHOTS_DIR);
    const peer = new PeerTab(browser.context, () => page.url(), say);
    this.peer = peer;
    cleanup.add('peer tab', () => peer.close());
    tabs.current = await NewTabs.watch(browser.context, {
      workbench: page,
      isWorkbench: (candidate) => peer.isPeerPage(candidate),
      consentOrigin: new URL(sandbox.url).origin,
      codeServerUrl: codeServer.url,
      log: say,
    });

    this.checkpoint();
    const url = workbenchUrl({
      codeServerUrl: codeServer.url,
      folder: folders.workspace,
      extensionDevelopmentPath: options.vsix ? undefined : options.extensionPath,
      extensionTestsPath: options.mode === 'automation' ? testsEntry : undefined,
    });
    await openWorkbench(page, url, {
      onLog: (type, args) => {
        if (options.verbose) say(`extension host ${type}: ${args.map(String).join(' ')}`);
      },
      onExit: (code) => this.finish(code === 0 || this.result ? {} : { error: `VS Code ended the tests with exit code ${code}` }),
    });
    if (options.verbose) {
      page.on('console', (message) => {
        if (message.text().includes('[Extension Host]')) say(`console ${message.type()}: ${message.text().replace(/%c/g, '')}`);
      });
    }
    const prompts = answerPrompts(page, say);
    cleanup.add('prompt answering', () => prompts.stop());
    say(`VS Code ${options.mode === 'driver' ? 'window' : 'test window'} open after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    if (options.mode === 'driver') {
      setTimeout(() => {
        if (!this.driverStarted) this.finish({ error: `the test driver did not start within ${DRIVER_START_TIMEOUT_MS / 1000} s of the window opening` });
      }, DRIVER_START_TIMEOUT_MS).unref();
    }
  }

  /**
   * What ships is what is tested: the package's files are checked against the allow-list first
   * (a finding fails the run but the suite still runs), then it is installed as a user would.
   * The test driver is already in the folder, so extensions.json registers both.
   */
  private async installPackage(vsix: string, install: CodeServerInstall, folders: RunFolders): Promise<void> {
    const contents = await inspectVsix(vsix);
    const findings = describeContents(contents);
    this.packageContentsOk = findings.length === 0;
    if (this.packageContentsOk) say(`package contents as expected: ${contents.files.length} files`);
    else for (const finding of findings) say(`FAILED package contents: ${finding}`);
    await installVsix({ install, vsix, userDataDir: folders.userDataDir, extensionsDir: folders.extensionsDir, scratchDir: folders.codeServerScratch });
    say(`installed ${path.basename(vsix)} into ${folders.extensionsDir}`);
  }

  private bridgeHandlers(tabs: () => NewTabs | undefined): BridgeHandlers {
    const actions = () => {
      if (!this.actions) throw new Error('the workbench is not open yet');
      return this.actions;
    };
    const newTabs = () => {
      const current = tabs();
      if (!current) throw new Error('the browser is not open yet');
      return current;
    };
    return {
      hello: () => {
        if (this.peer?.opened && this.driverStarted) return { run: false, peer: true };
        if (this.earlier && this.reloadGrep !== undefined) {
          const grep = this.reloadGrep;
          this.reloadGrep = undefined;
          say(`the window reloaded as a test asked; running the tests matching ${grep}`);
          return { run: true, grep };
        }
        const run = !this.driverStarted;
        if (!run) say('the extension host restarted (window reload?); the suite is not started again');
        this.driverStarted = true;
        return { run };
      },
      log: ({ text }) => {
        if (!output.closed) console.log(text);
        return {};
      },
      result: (result) => {
        const earlier = this.earlier;
        this.result = earlier ? { passed: earlier.passed + result.passed, failed: earlier.failed + result.failed, pending: earlier.pending + result.pending } : result;
        return {};
      },
      done: ({ error }) => {
        if (this.reloadGrep !== undefined && !this.earlier && this.result) {
          // The driver reloads the window; the next hello runs the tests the reload was for.
          this.earlier = this.result;
          return { reload: true };
        }
        this.finish(error && !this.result ? { error: `the suite did not run: ${error}` } : {});
        return {};
      },
      reloadWindow: ({ grep }) => {
        if (this.earlier) throw new Error('only one window reload per run is supported');
        this.reloadGrep = grep;
        return {};
      },
      screenshot: async ({ name }) => ({ path: await actions().screenshot(name) }),
      consent: ({ answer }) => {
        newTabs().setNextConsent(answer);
        return {};
      },
      textOf: async ({ selector }) => ({ texts: await actions().textOf(selector) }),
      click: async ({ target }) => {
        await actions().click(target);
        return {};
      },
      press: async ({ key }) => {
        await actions().press(key);
        return {};
      },
      type: async ({ text }) => {
        await actions().type(text);
        return {};
      },
      openAccountsMenu: async () => ({ items: await actions().openAccountsMenu() }),
      openedUrls: () => ({ urls: newTabs().openedUrls() }),
      ...peerHandlers(() => this.peer),
    };
  }

  /** Saves the requested screenshot, and one for diagnosis when the rig itself failed. */
  async screenshots(finish: Finish): Promise<void> {
    if (!this.page || this.page.isClosed()) return;
    const targets = [this.options.screenshot, finish.error ? path.join(SCREENSHOTS_DIR, 'rig-failure.png') : undefined];
    for (const file of targets) {
      if (!file) continue;
      try {
        await this.page.screenshot({ path: file });
        say(`screenshot: ${file}`);
      } catch (error) {
        say(`screenshot ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  tally(finish: Finish): Tally {
    const packageCheck = this.packageContentsOk === undefined ? 0 : 1;
    const packageFailed = this.packageContentsOk === false ? 1 : 0;
    return {
      passed: (this.result?.passed ?? 0) + packageCheck - packageFailed,
      // A rig failure counts as one failed test, so the closing line never claims a clean run.
      failed: (this.result?.failed ?? 0) + packageFailed + (finish.error ? 1 : 0),
      skipped: this.result?.pending ?? 0,
    };
  }
}

/** This run's counts, plus those an earlier run recorded when --add-tally names them. */
async function totalWithEarlierRun(own: Tally, options: RunOptions): Promise<Tally> {
  if (!options.addTally) return own;
  say(`this run: ${tallyLine(own)}`);
  let earlier: RecordedTally | undefined;
  try {
    earlier = await takeTally(options.addTally);
  } catch (error) {
    // The total would silently leave out a run: count that as a failure.
    say(`FAILED: cannot read the earlier run's counts: ${error instanceof Error ? error.message : String(error)}`);
    return addTallies(own, { passed: 0, failed: 1, skipped: 0 });
  }
  if (!earlier) {
    say(`no earlier run recorded in ${path.relative(REPO_ROOT, options.addTally)}: the total is this run alone`);
    return own;
  }
  say(`${earlier.label}, finished ${earlier.finishedAt}: ${tallyLine(earlier)}`);
  return addTallies(own, earlier);
}

function runLabel(options: RunOptions): string {
  const subject = options.vsix ? path.basename(options.vsix) : options.extensionPath === REPO_ROOT ? 'the development folder' : options.extensionPath;
  return `the rig run of ${subject}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  let options: RunOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.log('0 passed, 1 failed');
    return 2;
  }
  // Counts of an earlier run of this kind must not be handed on when this one dies before recording its own.
  if (options.recordTally) await forgetTally(options.recordTally);
  const cleanup = new Cleanup();
  const run = new IntegrationRun(options, cleanup);
  onStopSignal((signal, exitCode) => run.finish({ error: `interrupted by ${signal}`, exitCode }));
  // A bug in the rig must still stop code-server and Chromium.
  const crashed = (error: unknown) => run.finish({ error: `rig crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
  const deadline = setTimeout(() => run.finish({ error: `timed out after ${options.timeoutMs / 1000} s (BOOMTOWN_RIG_TIMEOUT)` }), options.timeoutMs);
  const starting = run.start().catch((error: unknown) => run.finish({ error: error instanceof Error ? error.message : String(error) }));

  const finish = await run.finished;
  clearTimeout(deadline);
  if (finish.error) say(`FAILED: ${finish.error}`);
  await run.screenshots(finish);
  await cleanup.runAll(say);
  // Interrupted during start-up: whatever finishes starting now is stopped as it is added.
  await Promise.race([starting, delay(START_SETTLE_TIMEOUT_MS)]);
  await cleanup.lateStepsDone();
  await run.removeFolders();
  say(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const own = run.tally(finish);
  const total = await totalWithEarlierRun(own, options);
  if (options.recordTally) {
    await recordTally(options.recordTally, { ...own, label: runLabel(options), finishedAt: new Date().toISOString() }).catch((error: unknown) =>
      say(`recording the counts in ${options.recordTally} failed: ${String(error)}`),
    );
  }
  console.log(tallyLine(total));
  output.closed = true;
  return finish.exitCode ?? (total.failed > 0 ? 1 : 0);
}

void main().then((exitCode) => process.exit(exitCode));
