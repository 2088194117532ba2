import * as vscode from 'vscode';
import { safeMessage } from '../../core/shared/plainText';
import { shownText } from '../../core/shared/shownText';
import { abortSignalOf } from '../shared/abortSignal';
import { notify } from '../shared/notify';
import { Commands } from '../../constants';
import type { DeviceCodePrompt } from '../../core/auth/flows/deviceCode';
import type { ServerDiscovery } from '../../core/auth/flows/discovery';
import { type FlowOffer, type FlowTableInput, type SignInFlowKind, signInFlows, unusableFlowSetting } from '../../core/auth/flows/flowTable';
import type { Account, AuthSession } from '../../core/auth/sessionTypes';
import type { PendingSignIns } from '../../core/auth/pendingSignIns';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { SignInFlow as CoreSignInFlow } from '../../core/auth/signIn';
import type { SignInBrowser } from '../../core/auth/signInBrowser';
import { BoomTownError, isBoomTownError, isCancellation } from '../../core/shared/errors';
import type { BoomTownConfig } from '../../core/shared/config';
import type { Logger } from '../../core/shared/logger';
import { exposeLoopback, type SignInHost } from './signInHost';

interface SignInFlowDeps {
  config: () => BoomTownConfig;
  discovery: ServerDiscovery;
  host: () => SignInHost;
}

/** The quick pick's labels: contracts the integration tests pick by. */
export function flowLabel(flow: SignInFlowKind): string {
  switch (flow) {
    case 'vscode':
      return vscode.l10n.t('Redirect to VS Code');
    case 'loopback':
      return vscode.l10n.t('Loopback (browser on this machine)');
    case 'redirectUri':
      return vscode.l10n.t('Your own redirect URI');
    case 'deviceCode':
      return vscode.l10n.t('Device code');
  }
}

/**
 * Failures no other flow can undo: the user said no on the server's page (their answer, not the
 * flow's failure), or the client's id or secret is missing or refused, or the secret store is broken,
 * which fail every flow alike. Anything else (a redirect that never came back, a port in use, a
 * server without the device grant) may work another way.
 */
const SAME_IN_EVERY_FLOW = ['accessDenied', 'invalidClient', 'missingClientId', 'missingClientSecret', 'storage'] as const;

function anotherWayCouldHelp(error: unknown): boolean {
  return !SAME_IN_EVERY_FLOW.some((reason) => isBoomTownError(error, reason));
}

/** The attempt in progress: cancelled by "Try another way", and the device code it shows, if any. */
interface Attempt {
  controller: AbortController;
  anotherWay: boolean;
  deviceCode?: DeviceCodePrompt;
}

/**
 * The visible part of a sign-in: one cancellable progress notification while the browser (or the
 * device code page) is out. Its flow comes from the flow table; "Try another way" (a link in the
 * notification) or a failed flow ends the attempt first, then one quick pick offers the others, so
 * there are never two browser sign-ins at once. When the browser does not come back, the links copy
 * the sign-in link and take the URL the browser ended on; they disappear with the notification.
 */
export class SignInFlow {
  private attempt?: Attempt;

  constructor(
    private readonly service: SessionService,
    private readonly pending: PendingSignIns,
    private readonly browser: SignInBrowser,
    private readonly logger: Logger,
    private readonly deps: SignInFlowDeps,
  ) {}

  run(scopes: readonly string[], account?: Account): Promise<AuthSession> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to BoomTown'), cancellable: true },
        async (progress, token) => {
          const cancellation = abortSignalOf(token);
          const table = await this.flowTableInput(cancellation);
          const offers = signInFlows(table);
          this.warnIfSettingUnusable(table, offers);
          let offer: FlowOffer = offers[0];
          for (;;) {
            const attempt: Attempt = { controller: new AbortController(), anotherWay: false };
            this.attempt = attempt;
            try {
              return await this.service.createSession(scopes, this.reportingBrowser(progress, offer.flow), {
                account,
                cancellation: AbortSignal.any([cancellation, attempt.controller.signal]),
                flow: this.coreFlow(offer, progress, attempt),
              });
            } catch (error) {
              if (cancellation.aborted || (!attempt.anotherWay && (isCancellation(error) || !anotherWayCouldHelp(error)))) throw error;
              if (!attempt.anotherWay) this.logger.warn(`The ${offer.flow} sign-in failed:`, error);
              // The old attempt's links (copy, paste, try another way) no longer lead anywhere.
              progress.report({ message: vscode.l10n.t('Choose another way to sign in.') });
              const next = await this.pickAnother(offers, offer.flow, attempt.anotherWay ? undefined : error);
              if (!next) throw attempt.anotherWay ? new BoomTownError('cancelled', 'The sign-in was cancelled.') : error;
              offer = next;
            } finally {
              if (this.attempt === attempt) this.attempt = undefined;
            }
          }
        },
      ),
    );
  }

  /** The flows this window can use now, in the table's order; reading the server's metadata is the window's first sign-in step. */
  async offers(cancellation?: AbortSignal): Promise<FlowOffer[]> {
    return signInFlows(await this.flowTableInput(cancellation));
  }

  private async flowTableInput(cancellation?: AbortSignal): Promise<FlowTableInput> {
    const config = this.deps.config();
    const metadata = await this.deps.discovery.metadata(config.authUrl, cancellation);
    const host = this.deps.host();
    return {
      host: host.kind,
      loopbackForwarded: host.loopbackForwarded,
      deviceAuthorization: metadata.endpoints.deviceAuthorization !== undefined,
      signInFlow: config.signInFlow,
      redirectUri: config.redirectUri,
    };
  }

  /** Once per sign-in: a chosen flow this window cannot use is passed over, and the person should know why the sign-in looks different. */
  private warnIfSettingUnusable(table: FlowTableInput, offers: readonly FlowOffer[]): void {
    const unusable = unusableFlowSetting(table, offers);
    if (!unusable) return;
    this.logger.warn(`boomtown.signInFlow is "${unusable}", which this window cannot use; starting ${offers[0].flow} instead.`);
    void notify(
      'warning',
      shownText(vscode.l10n.t('The setting "boomtown.signInFlow" is "{0}", which this window cannot use (see Diagnose Sign-in); signing in with "{1}" instead.'), unusable, flowLabel(offers[0].flow)),
    );
  }

  /** "Try another way": ends the attempt in progress; the quick pick follows. */
  tryAnotherWay(): void {
    const attempt = this.attempt;
    if (!attempt) {
      void notify('info', shownText(vscode.l10n.t('No BoomTown sign-in is in progress.')));
      return;
    }
    attempt.anotherWay = true;
    attempt.controller.abort();
  }

  /** "Copy & Open" in the sign-in notification: the code to the clipboard, the server's page in the browser. */
  async copyDeviceCodeAndOpen(): Promise<void> {
    const prompt = this.attempt?.deviceCode;
    if (!prompt) {
      void notify('info', shownText(vscode.l10n.t('No BoomTown device code sign-in is in progress.')));
      return;
    }
    // A browser workbench may refuse the clipboard; the page must open all the same (it shows the code too).
    try {
      await vscode.env.clipboard.writeText(prompt.userCode);
      vscode.window.setStatusBarMessage(vscode.l10n.t('BoomTown sign-in code copied.'), 5000);
    } catch (error) {
      this.logger.warn('Could not copy the device code:', error);
    }
    await vscode.env.openExternal(vscode.Uri.parse(prompt.verificationUriComplete ?? prompt.verificationUri, true));
  }

  private async pickAnother(offers: FlowOffer[], current: SignInFlowKind, error: unknown): Promise<FlowOffer | undefined> {
    const others = offers.filter((offer) => offer.flow !== current);
    if (others.length === 0) return undefined;
    const items = others.map((offer) => ({
      label: flowLabel(offer.flow),
      detail: offer.sameMachineOnly ? vscode.l10n.t('Only when your browser runs on the machine VS Code\'s extensions run on.') : undefined,
      offer,
    }));
    const failed = error instanceof Error ? safeMessage(error.message, 200) : undefined;
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Sign in to BoomTown another way'),
      placeHolder: failed ? vscode.l10n.t('That did not work: {0}', failed) : vscode.l10n.t('How should the browser give the sign-in back?'),
      ignoreFocusOut: true,
    });
    return picked?.offer;
  }

  private coreFlow(offer: FlowOffer, progress: vscode.Progress<{ message?: string }>, attempt: Attempt): CoreSignInFlow {
    const config = this.deps.config();
    switch (offer.flow) {
      case 'vscode':
        return { kind: 'vscode' };
      case 'redirectUri':
        return { kind: 'redirectUri', redirectUri: config.redirectUri ?? '' };
      case 'loopback':
        // In a remote window the browser reaches the port through VS Code's forwarding; elsewhere directly.
        return { kind: 'loopback', port: config.loopbackPort, expose: this.deps.host().kind === 'remote' && !offer.sameMachineOnly ? exposeLoopback : undefined };
      case 'deviceCode':
        return {
          kind: 'deviceCode',
          show: (prompt) => {
            attempt.deviceCode = prompt;
            this.showDeviceCode(prompt, progress);
          },
        };
    }
  }

  /**
   * In the sign-in's own progress notification, not a notification of its own: VS Code cannot close
   * a message, and the code (with "Copy & Open") must go away when the sign-in ends, however it ends.
   */
  private showDeviceCode(prompt: DeviceCodePrompt, progress: vscode.Progress<{ message?: string }>): void {
    progress.report({
      message: shownText(
        vscode.l10n.t('Your sign-in code is {0}: enter it at {1}. [Copy & Open](command:{2}) · [Try another way](command:{3})'),
        prompt.userCode,
        prompt.verificationUri,
        Commands.copyDeviceCode,
        Commands.signInTryAnotherWay,
      ).text,
    });
  }

  private reportingBrowser(progress: vscode.Progress<{ message?: string }>, flow: SignInFlowKind): SignInBrowser {
    return {
      redirectUri: () => this.browser.redirectUri(),
      open: async (url) => {
        progress.report({ message: this.redirectMessage(flow) });
        await this.browser.open(url);
      },
    };
  }

  private redirectMessage(flow: SignInFlowKind): string {
    if (flow === 'redirectUri') {
      return vscode.l10n.t(
        'Complete the sign-in in your browser, then [paste the address it ended on](command:{1}). [Copy the sign-in link](command:{0}) · [Try another way](command:{2})',
        Commands.copySignInLink,
        Commands.pasteSignInRedirect,
        Commands.signInTryAnotherWay,
      );
    }
    return vscode.l10n.t(
      'Complete the sign-in in your browser. Browser did not come back? [Copy the sign-in link](command:{0}) or [paste the address it ended on](command:{1}). [Try another way](command:{2})',
      Commands.copySignInLink,
      Commands.pasteSignInRedirect,
      Commands.signInTryAnotherWay,
    );
  }

  /** Each pending sign-in keeps its own link (PendingSignIns.links); with several, the user picks one. */
  async copySignInLink(): Promise<void> {
    const links = this.pending.links();
    if (links.length === 0) {
      void notify('info', shownText(vscode.l10n.t('No BoomTown sign-in is in progress.')));
      return;
    }
    const link = links.length === 1 ? links[0] : await this.pickLink(links);
    if (!link) return;
    await vscode.env.clipboard.writeText(link);
    vscode.window.setStatusBarMessage(vscode.l10n.t('BoomTown sign-in link copied: open it in a browser.'), 5000);
  }

  private async pickLink(links: string[]): Promise<string | undefined> {
    const items = links.map((link, index) => ({
      label: vscode.l10n.t('Sign-in {0} of {1}', index + 1, links.length),
      description: safeMessage(new URL(link).searchParams.get('scope') ?? ''),
      link,
    }));
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Copy the link of which BoomTown sign-in?') }))?.link;
  }

  async pasteRedirect(): Promise<void> {
    if (this.pending.size === 0) {
      void notify('info', shownText(vscode.l10n.t('No BoomTown sign-in is in progress.')));
      return;
    }
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Finish BoomTown sign-in'),
      prompt: vscode.l10n.t('Paste the whole address the browser ended on after approving.'),
      ignoreFocusOut: true,
      password: true,
    });
    if (value === undefined) return;
    const outcome = this.pending.handlePaste(value.trim());
    if (outcome === 'matched') return;
    if (outcome === 'needsWholeAddress') {
      void notify(
        'warning',
        shownText(vscode.l10n.t('A code alone cannot finish the sign-in safely. Paste the whole address from the browser\'s address bar: it carries the state that ties it to this sign-in.')),
      );
      return;
    }
    this.logger.warn('The pasted value did not match the sign-in in progress.');
    void notify('warning', shownText(vscode.l10n.t('That does not belong to the sign-in in progress. Paste the address from the browser tab this sign-in opened.')));
  }
}
