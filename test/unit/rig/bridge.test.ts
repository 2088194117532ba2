import assert from 'node:assert/strict';
import { startBridge, type BridgeHandlers, type RunningBridge } from '../../rig/bridge';
import { Rig } from '../../integration/helpers/rig';

/** Handlers that fail unless a test gives them a job. */
function handlers(overrides: Partial<BridgeHandlers>): BridgeHandlers {
  const unexpected = () => {
    throw new Error('unexpected call');
  };
  return {
    hello: unexpected,
    log: unexpected,
    result: unexpected,
    done: unexpected,
    screenshot: unexpected,
    consent: unexpected,
    textOf: unexpected,
    click: unexpected,
    press: unexpected,
    type: unexpected,
    openAccountsMenu: unexpected,
    openedUrls: unexpected,
    openPeerTab: unexpected,
    peerAsk: unexpected,
    peerNext: unexpected,
    peerAnswer: unexpected,
    reloadWindow: unexpected,
    ...overrides,
  };
}

describe('rig: the bridge between the extension host and the runner', () => {
  let bridge: RunningBridge | undefined;
  afterEach(async () => {
    await bridge?.close();
    bridge = undefined;
  });

  it('delivers log lines in order, before the result', async () => {
    const seen: string[] = [];
    bridge = await startBridge(
      handlers({
        log: async ({ text }) => {
          // A slow first line must still arrive first.
          if (text === 'one') await new Promise((resolve) => setTimeout(resolve, 30));
          seen.push(text);
          return {};
        },
        result: (result) => {
          seen.push(`result ${result.passed}/${result.failed}/${result.pending}`);
          return {};
        },
      }),
    );
    const rig = new Rig(bridge.url);
    rig.log('one');
    rig.log('two');
    await rig.reportResult({ passed: 2, failed: 1, pending: 0 });
    assert.deepEqual(seen, ['one', 'two', 'result 2/1/0']);
  });

  it('answers with what the handler returns', async () => {
    bridge = await startBridge(handlers({ textOf: ({ selector }) => ({ texts: [`text of ${selector}`] }) }));
    assert.deepEqual(await new Rig(bridge.url).textOf('.monaco-list-row'), ['text of .monaco-list-row']);
  });

  it("rejects with the handler's error", async () => {
    bridge = await startBridge(
      handlers({
        click: () => {
          throw new Error('no element matches #missing');
        },
      }),
    );
    await assert.rejects(new Rig(bridge.url).click('#missing'), /no element matches #missing/);
  });

  it('refuses calls it does not know', async () => {
    bridge = await startBridge(handlers({}));
    const unknown = new Rig(bridge.url).call('nonsense' as 'hello', {});
    await assert.rejects(unknown, /404|no bridge call/);
  });
});
