import type { SignInFlowSetting } from '../../shared/config';

/**
 * Which sign-in flows a window offers, in order: a pure function of where the extension host runs,
 * what the authorization server offers and the user's settings (as github-authentication's
 * flows.ts). The first is the one `boomtown.signInFlow: "auto"` starts; the others are what
 * "Try another way" offers.
 */

export type SignInFlowKind = Exclude<SignInFlowSetting, 'auto'>;

/**
 * Where the extension host runs, as seen from the browser: `desktop` (same machine), `remote` (SSH,
 * WSL, a container: VS Code forwards loopback ports), `web` (a browser workbench: the host is a
 * server the browser reaches through its own URL).
 */
export type HostKind = 'desktop' | 'remote' | 'web';

export interface FlowTableInput {
  host: HostKind;
  /** remote only: asExternalUri forwards a loopback port and the result is still a loopback address. */
  loopbackForwarded?: boolean;
  /** The server advertises `device_authorization_endpoint` (RFC 8628). */
  deviceAuthorization: boolean;
  signInFlow: SignInFlowSetting;
  /** `boomtown.redirectUri`, when set. */
  redirectUri?: string;
}

/** One flow the window can use; `sameMachineOnly` marks loopback where nothing says the browser shares the host's machine. */
export interface FlowOffer {
  flow: SignInFlowKind;
  sameMachineOnly?: boolean;
}

export function signInFlows(input: FlowTableInput): FlowOffer[] {
  const offers: FlowOffer[] = [];
  if (input.redirectUri) offers.push({ flow: 'redirectUri' });
  // Today's flow works everywhere VS Code can receive a URI (a protocol handler, or the workbench's own callback URL).
  offers.push({ flow: 'vscode' });
  const loopbackReaches = input.host === 'desktop' || (input.host === 'remote' && input.loopbackForwarded === true);
  if (loopbackReaches) offers.push({ flow: 'loopback' });
  if (input.deviceAuthorization) offers.push({ flow: 'deviceCode' });
  // Kept last: it works only when the browser happens to run on the extension host's machine (a local browser workbench).
  if (!loopbackReaches) offers.push({ flow: 'loopback', sameMachineOnly: true });
  if (input.signInFlow === 'auto') return offers;
  // A flow the user chose comes first when this window can use it at all; otherwise the table's order stands.
  const chosen = offers.find((offer) => offer.flow === input.signInFlow);
  return chosen ? [chosen, ...offers.filter((offer) => offer !== chosen)] : offers;
}

/**
 * The flow `boomtown.signInFlow` names when this window cannot use it (a server without the device
 * grant, `redirectUri` without `boomtown.redirectUri`): the sign-in then starts the table's first
 * flow, and the person should hear why their choice was passed over. Undefined for `auto` or a usable choice.
 */
export function unusableFlowSetting(input: FlowTableInput, offers: readonly FlowOffer[] = signInFlows(input)): SignInFlowKind | undefined {
  if (input.signInFlow === 'auto') return undefined;
  return offers.some((offer) => offer.flow === input.signInFlow) ? undefined : input.signInFlow;
}
