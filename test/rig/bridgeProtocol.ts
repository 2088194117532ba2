/**
 * What the extension host (tests, test driver) and the runner say to each other over the bridge:
 * each call is `POST /<name>` with a JSON body, answered with JSON. Types only, so both sides
 * (the runner under tsx and the bundled tests) share one definition.
 */

/** How the browser answers the next BoomTown consent page: click #approve, click #deny, or leave it open. */
export type ConsentAnswer = 'approve' | 'deny' | 'ignore';

/** A CSS selector, or an accessible role and name as a person would find the element. */
export type ClickTarget = string | { role: string; name: string };

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
}

/** What the suite asks of the peer tab (see peerTab.ts): read the session there, as an extension would. */
export interface PeerRequest {
  kind: 'readSession';
  /** Allow VS Code's "wants to sign in" consent in the peer tab (its first read); else silent. */
  consent?: boolean;
}

/** The peer's answer: whether it had a session, a digest of its access token (never the token), and /v1/me's status with it. */
export interface PeerAnswer {
  signedIn: boolean;
  tokenDigest?: string;
  meStatus?: number;
  error?: string;
}

export interface BridgeApi {
  /**
   * The test driver started; `run` is false when the suite already ran (e.g. after a window reload).
   * After a reload a test asked for (reloadWindow), `grep` names the tests to run in the new window.
   * `peer` is true in a tab the suite opened with openPeerTab: that driver serves peer requests.
   */
  hello: { request: Record<string, never>; response: { run: boolean; peer?: boolean; grep?: string } };
  /** Opens a second tab with the same workbench URL (its own extension host); resolves when it is drawn. */
  openPeerTab: { request: Record<string, never>; response: Record<string, never> };
  peerAsk: { request: PeerRequest; response: PeerAnswer };
  /** The peer tab's driver long-polls for the next request; empty after a while without one. */
  peerNext: { request: Record<string, never>; response: { id?: number; request?: PeerRequest } };
  peerAnswer: { request: { id: number; answer: PeerAnswer }; response: Record<string, never> };
  /** Output lines of the suite, printed by the runner as they arrive. */
  log: { request: { text: string }; response: Record<string, never> };
  result: { request: SuiteResult; response: Record<string, never> };
  /** The driver is done; `error` when the suite could not run or rejected. `reload`: reload the window now (see reloadWindow). */
  done: { request: { error?: string }; response: { reload?: boolean } };
  /**
   * Asks for a window reload once this pass of the suite is done, and then for the tests matching
   * `grep` (a mocha grep) to run in the reloaded window; their counts add to this pass's.
   */
  reloadWindow: { request: { grep: string }; response: Record<string, never> };
  /** Saves a PNG of the workbench as test-results/screenshots/<name>.png; answers its path. */
  screenshot: { request: { name: string }; response: { path: string } };
  consent: { request: { answer: ConsentAnswer }; response: Record<string, never> };
  /** innerText of every element the selector matches in the workbench. */
  textOf: { request: { selector: string }; response: { texts: string[] } };
  click: { request: { target: ClickTarget }; response: Record<string, never> };
  /** A key or chord in Playwright's notation, e.g. "Escape" or "Control+Shift+P". */
  press: { request: { key: string }; response: Record<string, never> };
  /** Types text into whatever has the keyboard focus (a quick pick's input, an editor). */
  type: { request: { text: string }; response: Record<string, never> };
  openAccountsMenu: { request: Record<string, never>; response: { items: string[] } };
  /** Every URL opened in a new browser tab so far, exactly as the browser requested it. */
  openedUrls: { request: Record<string, never>; response: { urls: string[] } };
}

export type BridgeCall = keyof BridgeApi;

/** Environment variables the runner hands to code-server, and so to the extension host. */
export const RigEnv = {
  bridgeUrl: 'BOOMTOWN_RIG_URL',
  testsEntry: 'BOOMTOWN_RIG_TESTS_ENTRY',
  /** Only tests whose full title matches this regular expression run (mocha's grep). */
  grep: 'BOOMTOWN_RIG_GREP',
  /** Where the extension under test should come from: see ExtensionSource. */
  expect: 'BOOMTOWN_RIG_EXPECT',
  /** code-server's --extensions-dir, where an installed .vsix lands. */
  extensionsDir: 'BOOMTOWN_RIG_EXTENSIONS_DIR',
  /** Set to '1' by the test driver in a window reloaded at a test's request (reloadWindow). */
  reloaded: 'BOOMTOWN_RIG_RELOADED',
} as const;

/** `development`: loaded from the repository (extensionDevelopmentPath); `vsix`: the installed package. */
export type ExtensionSource = 'development' | 'vsix';

/**
 * The label of the activation line a test logs once per window startup:
 * `[figure] startup activation (<startup>): boomtown 9 ms by onStartupFinished, github-authentication
 * 30 ms by onAuthenticationRequest:github, empty 7 ms by onStartupFinished (…)`, each Load Code + Call
 * Activate from VS Code's Extension Activation Stats, and the event that activated it. The runner gathers every
 * such line of a rig run into medians (test/rig/run/startupFigures.ts).
 */
export const STARTUP_ACTIVATION_LABEL = 'startup activation';

/** The empty extension the rig installs beside ours (test/rig/empty): the floor of the figures. */
export const EMPTY_EXTENSION_ID = 'boomtown-dev.boomtown-rig-empty';
