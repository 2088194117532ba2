import type { BridgeHandlers } from '../bridge';
import type { SuiteResult } from '../bridgeProtocol';
import type { NewTabs } from '../workbench/newTabs';
import type { WorkbenchActions } from '../workbench/workbench';
import { echo, say } from './output';

/** What the bridge reads and writes of a run. */
export interface RunState {
  result: SuiteResult | undefined;
  driverStarted: boolean;
  actions: WorkbenchActions | undefined;
  tabs: NewTabs | undefined;
  finish(finish: { error?: string }): void;
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
      const first = !run.driverStarted;
      if (!first) say('the extension host restarted (window reload?); the suite is not started again');
      run.driverStarted = true;
      return { run: first };
    },
    log: ({ text }) => {
      echo(text);
      return {};
    },
    result: (result) => {
      run.result = result;
      return {};
    },
    done: ({ error }) => {
      run.finish(error && !run.result ? { error: `the suite did not run: ${error}` } : {});
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
  };
}
