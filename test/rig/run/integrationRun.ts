import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../browser';
import { startBridge } from '../bridge';
import { RigEnv, type SuiteResult } from '../bridgeProtocol';
import type { CodeServerInstall } from '../install/codeServerInstall';
import { NewTabs } from '../workbench/newTabs';
import { answerPrompts } from '../workbench/promptAnswerer';
import { openWorkbench, WorkbenchActions, workbenchTab, workbenchUrl } from '../workbench/workbench';
import { bridgeHandlers, type RunState } from './bridgeHandlers';
import { PeerTab } from '../workbench/peerTab';
import { installDriver } from './build';
import { Cleanup } from './cleanup';
import { installVsix, startCodeServer } from './codeServer';
import { say, type Tally } from './output';
import { createRunFolders, type RunFolders } from './runFolders';
import { grepOf, type RunSpec } from './runOptions';
import { startRigSandbox } from './sandbox';
import { describeContents, inspectVsix } from './vsixContents';
import type { StartupFigures } from './startupFigures';

/** After the workbench appears, the driver must report within this long, or VS Code did not load it. */
const DRIVER_START_TIMEOUT_MS = 90_000;

/** How a run ended: `error` is a rig failure (VS Code did not start, timeout, Ctrl+C), not a failing test. */
export interface Finish {
  error?: string;
  exitCode?: number;
}

/**
 * One run of the integration suite: one extension source (development folder or .vsix) in one
 * code-server, with its own sandbox, bridge, code-server and browser, stopped by `cleanup`.
 */
export class IntegrationRun implements RunState {
  result: SuiteResult | undefined;
  actions: WorkbenchActions | undefined;
  tabs: NewTabs | undefined;
  driverStarted = false;
  peer: PeerTab | undefined;
  reloadGrep: string | undefined;
  earlier: SuiteResult | undefined;
  private page: Page | undefined;
  private folders: RunFolders | undefined;
  private ended = false;
  /** In a vsix run, whether the package holds exactly what it should: counted as one more test. */
  private packageContentsOk: boolean | undefined;
  private resolveFinish!: (finish: Finish) => void;
  readonly finished = new Promise<Finish>((resolve) => {
    this.resolveFinish = resolve;
  });

  constructor(
    private readonly spec: RunSpec,
    /** Installed before the run, so its time limit does not include a first install. */
    private readonly install: CodeServerInstall,
    private readonly testsEntry: string,
    private readonly repoRoot: string,
    readonly cleanup: Cleanup,
    /** Shared by the runs of one rig invocation: their activation ratios make one median. */
    private readonly figures: StartupFigures,
  ) {}

  noteLog(text: string): void {
    this.figures.note(text, `${this.spec.kind} on code-server ${this.spec.version}`);
  }

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

  get screenshotsDir(): string {
    return path.join(this.repoRoot, 'test-results', 'screenshots');
  }

  async start(): Promise<void> {
    const { spec, cleanup, install } = this;
    const started = Date.now();
    const folders = await createRunFolders('boomtown-rig');
    this.folders = folders;
    if (spec.mode === 'driver') await installDriver(this.repoRoot, folders.extensionsDir);
    if (spec.kind === 'vsix') {
      this.checkpoint();
      await this.installPackage(folders);
    }

    this.checkpoint();
    const { sandbox, env: sandboxEnv } = await startRigSandbox({ autoApprove: false });
    cleanup.add('sandbox', () => sandbox.stop());

    this.checkpoint();
    const bridge = await startBridge(bridgeHandlers(this));
    cleanup.add('bridge', () => bridge.close());

    this.checkpoint();
    const grep = grepOf(spec);
    const codeServer = await startCodeServer({
      install,
      userDataDir: folders.userDataDir,
      extensionsDir: folders.extensionsDir,
      scratchDir: folders.codeServerScratch,
      env: {
        ...sandboxEnv,
        [RigEnv.bridgeUrl]: bridge.url,
        [RigEnv.testsEntry]: this.testsEntry,
        [RigEnv.expect]: spec.kind,
        [RigEnv.extensionsDir]: folders.extensionsDir,
        ...(grep ? { [RigEnv.grep]: grep } : {}),
      },
    });
    cleanup.add('code-server', () => codeServer.stop());
    void codeServer.exited.then((how) => this.finish({ error: `code-server stopped unexpectedly (${how}):\n${codeServer.output().slice(-3000)}` }));
    if (spec.verbose) say(`code-server ${codeServer.url}, sandbox ${sandbox.url}, bridge ${bridge.url}`);

    this.checkpoint();
    const browser = await launchBrowser({ scratchDir: folders.browserScratch });
    cleanup.add('browser', () => browser.close());
    const page = await workbenchTab(browser.context);
    this.page = page;
    this.actions = new WorkbenchActions(page, this.screenshotsDir);
    const peer = new PeerTab(browser.context, () => page.url(), say);
    this.peer = peer;
    cleanup.add('peer tab', () => peer.close());
    this.tabs = await NewTabs.watch(browser.context, {
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
      extensionDevelopmentPath: spec.kind === 'vsix' ? undefined : spec.extensionPath,
      extensionTestsPath: spec.mode === 'automation' ? this.testsEntry : undefined,
    });
    await openWorkbench(page, url, {
      onLog: (type, args) => {
        if (spec.verbose) say(`extension host ${type}: ${args.map(String).join(' ')}`);
      },
      onExit: (code) => this.finish(code === 0 || this.result ? {} : { error: `VS Code ended the tests with exit code ${code}` }),
    });
    if (spec.verbose) {
      page.on('console', (message) => {
        if (message.text().includes('[Extension Host]')) say(`console ${message.type()}: ${message.text().replace(/%c/g, '')}`);
      });
    }
    const prompts = answerPrompts(page, say);
    cleanup.add('prompt answering', () => prompts.stop());
    say(`VS Code ${spec.mode === 'driver' ? 'window' : 'test window'} open after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    if (spec.mode === 'driver') {
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
  private async installPackage(folders: RunFolders): Promise<void> {
    const vsix = this.spec.vsix;
    const contents = await inspectVsix(vsix);
    const findings = describeContents(contents);
    this.packageContentsOk = findings.length === 0;
    if (this.packageContentsOk) say(`package contents as expected: ${contents.files.length} files`);
    else for (const finding of findings) say(`FAILED package contents: ${finding}`);
    await installVsix({ install: this.install, vsix, userDataDir: folders.userDataDir, extensionsDir: folders.extensionsDir, scratchDir: folders.codeServerScratch });
    say(`installed ${path.basename(vsix)} into ${folders.extensionsDir}`);
  }

  /** Saves the requested screenshot, and one for diagnosis when the rig itself failed. */
  async screenshots(finish: Finish): Promise<void> {
    if (!this.page || this.page.isClosed()) return;
    const failure = path.join(this.screenshotsDir, `rig-failure-${this.spec.version}-${this.spec.kind}.png`);
    for (const file of [this.spec.screenshot, finish.error ? failure : undefined]) {
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
