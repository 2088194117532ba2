import assert from 'node:assert/strict';
import { type FlowTableInput, signInFlows } from '../../../../src/core/auth/flows/flowTable';

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
});
