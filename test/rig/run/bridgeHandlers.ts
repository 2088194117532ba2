import type { BridgeHandlers } from '../bridge';
import type { SuiteResult } from '../bridgeProtocol';
import type { NewTabs } from '../workbench/newTabs';
import { peerHandlers, type PeerTab } from '../workbench/peerTab';
import type { WorkbenchActions } from '../workbench/workbench';
import { echo, say } from './output';

/** What the bridge reads and writes of a run. */
export interface RunState {
  result: SuiteResult | undefined;
  driverStarted: boolean;
  actions: WorkbenchActions | undefined;
  tabs: NewTabs | undefined;
  /** The second tab a test opened (openPeerTab): its driver serves peer requests instead of running the suite. */
  peer: PeerTab | undefined;
  /** Set by a test's reloadWindow call: the tests to run once this pass is done and the window reloaded. */
  reloadGrep: string | undefined;
  /** The counts of the pass before a reload, added to the next pass's. */
  earlier: SuiteResult | undefined;
  finish(finish: { error?: string }): void;
  /** Every line the tests log, as printed (the runner gathers figures from them). */
  noteLog(text: string): void;
}

/** The runner's side of each bridge call the tests and the test driver make. */
export function bridgeHandlers(run: RunState): BridgeHandlers {
  const actions = () => {
    if (!run.actions) throw new Error('the workbench is not open yet');
    return run.actions;
  };
  const tabs = () => {
    if (!run.tabs) throw new Error('the browser is not open yet');
    return run.tabs;
  };
  return {
    hello: () => {
      // The reloaded window first: a peer tab a test opened earlier is still open then.
      if (run.earlier && run.reloadGrep !== undefined) {
        const grep = run.reloadGrep;
        run.reloadGrep = undefined;
        say(`the window reloaded as a test asked; running the tests matching ${grep}`);
        return { run: true, grep };
      }
      if (run.peer?.opened && run.driverStarted) return { run: false, peer: true };
      const first = !run.driverStarted;
      if (!first) say('the extension host restarted (window reload?); the suite is not started again');
      run.driverStarted = true;
      return { run: first };
    },
    log: ({ text }) => {
      echo(text);
      run.noteLog(text);
      return {};
    },
    result: (result) => {
      const earlier = run.earlier;
      // The tests of the reloaded window were pending (skipped) in the pass before it: they count once, as run.
      const ranNow = result.passed + result.failed;
      run.result = earlier
        ? { passed: earlier.passed + result.passed, failed: earlier.failed + result.failed, pending: Math.max(0, earlier.pending - ranNow) + result.pending }
        : result;
      return {};
    },
    done: ({ error }) => {
      if (run.reloadGrep !== undefined && !run.earlier && run.result) {
        // The driver reloads the window; the next hello runs the tests the reload was for.
        run.earlier = run.result;
        return { reload: true };
      }
      run.finish(error && !run.result ? { error: `the suite did not run: ${error}` } : {});
      return {};
    },
    reloadWindow: ({ grep }) => {
      if (run.earlier) throw new Error('only one window reload per run is supported');
      run.reloadGrep = grep;
      return {};
    },
    screenshot: async ({ name }) => ({ path: await actions().screenshot(name) }),
    consent: ({ answer }) => {
      tabs().setNextConsent(answer);
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
    openedUrls: () => ({ urls: tabs().openedUrls() }),
    ...peerHandlers(() => run.peer),
  };
}
