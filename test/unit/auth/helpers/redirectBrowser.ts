import type { Dispatcher } from 'undici';
import type { PendingSignIns } from '../../../../src/core/auth/pendingSignIns';

/** Where the browser hands the callback (the pending sign-ins, or something that forwards to them). */
type CallbackTarget = Pick<PendingSignIns, 'handleCallback'>;
import type { SignInBrowser } from '../../../../src/core/auth/signInBrowser';

/**
 * A "browser" for tests: fetches the authorize URL with undici, expects the auto-approving server's
 * 302, and hands the Location to the pending sign-ins as the UriHandler would.
 */
export class RedirectFollowingBrowser implements SignInBrowser {
  readonly opened: string[] = [];
  readonly callbacks: string[] = [];

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly pending: CallbackTarget,
    private readonly redirect = 'http://127.0.0.1/callback',
  ) {}

  async redirectUri(): Promise<string> {
    return this.redirect;
  }

  async open(authorizeUrl: string): Promise<void> {
    this.opened.push(authorizeUrl);
    const url = new URL(authorizeUrl);
    const response = await this.dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET' });
    await response.body.text();
    const location = response.headers.location;
    if (response.statusCode !== 302 || typeof location !== 'string') throw new Error(`authorize answered ${response.statusCode} without a redirect`);
    this.callbacks.push(location);
    this.pending.handleCallback(location);
  }
}
