import assert from 'node:assert/strict';
import { type FlowTableInput, signInFlows, unusableFlowSetting } from '../../../../src/core/auth/flows/flowTable';

/** Each row: where the host runs × what the server offers × the settings → the flows, in order ('~' marks loopback for a browser on the same machine only). */
const ROWS: Array<[string, FlowTableInput, string[]]> = [
  ['desktop, plain server, auto', { host: 'desktop', deviceAuthorization: false, signInFlow: 'auto' }, ['vscode', 'loopback']],
  ['desktop, device server, auto', { host: 'desktop', deviceAuthorization: true, signInFlow: 'auto' }, ['vscode', 'loopback', 'deviceCode']],
  ['desktop, own redirect URI, auto', { host: 'desktop', deviceAuthorization: true, signInFlow: 'auto', redirectUri: 'https://app.test/cb' }, ['redirectUri', 'vscode', 'loopback', 'deviceCode']],
  ['desktop, loopback chosen', { host: 'desktop', deviceAuthorization: false, signInFlow: 'loopback' }, ['loopback', 'vscode']],
  ['desktop, device chosen', { host: 'desktop', deviceAuthorization: true, signInFlow: 'deviceCode' }, ['deviceCode', 'vscode', 'loopback']],
  ['desktop, device chosen but not advertised', { host: 'desktop', deviceAuthorization: false, signInFlow: 'deviceCode' }, ['vscode', 'loopback']],
  ['desktop, redirectUri chosen but not set', { host: 'desktop', deviceAuthorization: false, signInFlow: 'redirectUri' }, ['vscode', 'loopback']],
  ['desktop, vscode chosen with own URI set', { host: 'desktop', deviceAuthorization: false, signInFlow: 'vscode', redirectUri: 'https://app.test/cb' }, ['vscode', 'redirectUri', 'loopback']],
  ['remote forwarding loopback, auto', { host: 'remote', loopbackForwarded: true, deviceAuthorization: true, signInFlow: 'auto' }, ['vscode', 'loopback', 'deviceCode']],
  ['remote not forwarding, auto', { host: 'remote', loopbackForwarded: false, deviceAuthorization: true, signInFlow: 'auto' }, ['vscode', 'deviceCode', '~loopback']],
  ['remote not forwarding, no device', { host: 'remote', deviceAuthorization: false, signInFlow: 'auto' }, ['vscode', '~loopback']],
  ['web, plain server, auto', { host: 'web', deviceAuthorization: false, signInFlow: 'auto' }, ['vscode', '~loopback']],
  ['web, device server, auto', { host: 'web', deviceAuthorization: true, signInFlow: 'auto' }, ['vscode', 'deviceCode', '~loopback']],
  ['web, device chosen', { host: 'web', deviceAuthorization: true, signInFlow: 'deviceCode' }, ['deviceCode', 'vscode', '~loopback']],
  ['web, loopback chosen (the browser shares the machine)', { host: 'web', deviceAuthorization: true, signInFlow: 'loopback' }, ['~loopback', 'vscode', 'deviceCode']],
  ['web, own redirect URI, auto', { host: 'web', deviceAuthorization: false, signInFlow: 'auto', redirectUri: 'https://app.test/cb' }, ['redirectUri', 'vscode', '~loopback']],
  ['web, remote-forwarded flag ignored', { host: 'web', loopbackForwarded: true, deviceAuthorization: false, signInFlow: 'auto' }, ['vscode', '~loopback']],
];

describe('signInFlows (the flow table)', () => {
  for (const [name, input, expected] of ROWS) {
    it(name, () => {
      const flows = signInFlows(input).map((offer) => `${offer.sameMachineOnly ? '~' : ''}${offer.flow}`);
      assert.deepEqual(flows, expected);
    });
  }

  it('never offers a flow twice', () => {
    for (const [, input] of ROWS) {
      const flows = signInFlows(input).map((offer) => offer.flow);
      assert.equal(new Set(flows).size, flows.length);
    }
  });

  /** Each row: the settings and what the window offers → the chosen flow the sign-in passes over (and says so), if any. */
  const PASSED_OVER: Array<[string, FlowTableInput, string | undefined]> = [
    ['auto is never passed over', { host: 'web', deviceAuthorization: false, signInFlow: 'auto' }, undefined],
    ['deviceCode on a server without the device grant', { host: 'desktop', deviceAuthorization: false, signInFlow: 'deviceCode' }, 'deviceCode'],
    ['deviceCode on a server with it', { host: 'web', deviceAuthorization: true, signInFlow: 'deviceCode' }, undefined],
    ['redirectUri without boomtown.redirectUri', { host: 'desktop', deviceAuthorization: true, signInFlow: 'redirectUri' }, 'redirectUri'],
    ['redirectUri with boomtown.redirectUri', { host: 'desktop', deviceAuthorization: false, signInFlow: 'redirectUri', redirectUri: 'https://app.test/cb' }, undefined],
    ['loopback in a browser workbench (offered for a browser on the same machine)', { host: 'web', deviceAuthorization: false, signInFlow: 'loopback' }, undefined],
    ['vscode, which every window offers', { host: 'remote', deviceAuthorization: false, signInFlow: 'vscode' }, undefined],
  ];
  for (const [name, input, expected] of PASSED_OVER) {
    it(`unusableFlowSetting: ${name}`, () => {
      assert.equal(unusableFlowSetting(input), expected);
      if (expected) assert.notEqual(signInFlows(input)[0].flow, expected, 'the sign-in starts another flow');
    });
  }
});
