import type { Dispatcher } from 'undici';
import type { TokenSource } from '../../../../src/core/api/tokenSource';
import { BoomTownError } from '../../../../src/core/shared/errors';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { refresh, signIn } from '../../../sandbox/drivers/testClient';

/**
 * Tokens from a real sign-in against the sandbox; a refresh goes to its token endpoint, and a
 * refused refresh ends the session, as the session layer behind the real TokenSource does.
 */
export class SandboxTokens implements TokenSource {
  refreshes = 0;

  constructor(
    private readonly url: string,
    private accessToken: string,
    private refreshToken: string | undefined,
  ) {}

  async getAccessToken() {
    return { sessionId: 'sandbox-session', accessToken: this.accessToken };
  }

  async refreshAfterUnauthorized(sessionId: string) {
    this.refreshes++;
    const answer = this.refreshToken ? await refresh(this.url, this.refreshToken) : undefined;
    if (!answer || answer.status !== 200) throw new BoomTownError('notSignedIn', 'The sandbox session has ended.');
    this.accessToken = answer.json.access_token;
    this.refreshToken = answer.json.refresh_token ?? this.refreshToken;
    return { sessionId, accessToken: this.accessToken };
  }

  /** The session layer would end the session here; this one just forgets its tokens. */
  async rejectedAfterRefresh() {
    this.refreshToken = undefined;
  }
}

export interface SandboxSession {
  sandbox: Sandbox;
  tokens: SandboxTokens;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/** A running sandbox (auto-approving sign-ins), signed in, with a dispatcher of its own. Always `close()` it. */
export async function startSignedIn(options: SandboxOptions = {}): Promise<SandboxSession> {
  const running = await startSandbox({ autoApprove: true, ...options, dispatcher: { connect: { timeout: 2_000 }, headersTimeout: 5_000, bodyTimeout: 5_000 } });
  try {
    const session = await signIn(running.url);
    return {
      sandbox: running.sandbox,
      tokens: new SandboxTokens(running.url, session.accessToken, session.refreshToken),
      dispatcher: running.dispatcher,
      close: () => running.close(),
    };
  } catch (error) {
    await running.close();
    throw error;
  }
}
