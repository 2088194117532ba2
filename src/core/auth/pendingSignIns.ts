import * as l10n from '@vscode/l10n';
import { BoomTownError, userFacingError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { type CallbackParams, callbackError, issuerMatches, looksLikeBareCode, parseCallback } from './callback';

interface PendingSignInsOptions {
  /** How long a sign-in waits for the browser; 5 minutes by default. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/** Finished states remembered only to tell "already used" from "unknown" in the log. */
const REMEMBERED_STATES = 64;

/** What became of a pasted value: it finished a sign-in, it was a bare code (ask for the whole address), or it matched nothing. */
type PasteOutcome = 'matched' | 'needsWholeAddress' | 'unmatched';

interface Waiter {
  /** The page this sign-in sent the browser to, for "Copy sign-in link"; it stays with its own sign-in. */
  authorizeUrl: string | undefined;
  resolve(value: { code: string }): void;
  reject(error: BoomTownError): void;
  release(): void;
  /** The issuer an `iss` on the callback must equal (RFC 9207). */
  issuer?: string;
}

/**
 * Sign-ins waiting for the browser, keyed by their state. The state is the only thing that binds a
 * callback to a sign-in: a callback with an unknown or used state is logged and ignored, and never
 * ends (or completes) anything. Values are never logged: states and codes are secrets.
 */
export class PendingSignIns {
  private readonly waiting = new Map<string, Waiter>();
  private readonly finished: string[] = [];
  private readonly timeoutMs: number;

  constructor(
    private readonly logger: Logger,
    options: PendingSignInsOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get size(): number {
    return this.waiting.size;
  }

  /** The authorize URLs of the sign-ins still waiting, oldest first (a sign-in registered without one is left out). */
  links(): string[] {
    return [...this.waiting.values()].flatMap((waiter) => (waiter.authorizeUrl ? [waiter.authorizeUrl] : []));
  }

  /**
   * Registers a sign-in waiting for a callback with this state, and the authorize URL it opens.
   * Resolves with { code } or rejects with a typed error.
   */
  wait(state: string, cancellation?: AbortSignal, expected: { issuer?: string; authorizeUrl?: string } = {}): Promise<{ code: string }> {
    if (this.waiting.has(state) || this.finished.includes(state)) {
      return Promise.reject(new BoomTownError('badInput', 'A sign-in state must be used once only.'));
    }
    if (cancellation?.aborted) {
      return Promise.reject(new BoomTownError('cancelled', 'The sign-in was cancelled.'));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.logger.warn(`A sign-in got no answer from the browser within ${Math.round(this.timeoutMs / 1000)} s.`);
        this.settle(state, userFacingError(
            'timeout',
            l10n.t('The sign-in got no answer from the browser within {0} minutes. Start it again; if the browser cannot return to VS Code, use "paste the address it ended on" in the sign-in notification.'),
            [Math.round(this.timeoutMs / 60_000)],
          ));
      }, this.timeoutMs);
      // A forgotten sign-in must not keep a process (a test runner, the extension host at shutdown) alive.
      timer.unref?.();
      const onAbort = () => {
        this.logger.info('A sign-in was cancelled.');
        this.settle(state, new BoomTownError('cancelled', 'The sign-in was cancelled.'));
      };
      cancellation?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(state, {
        authorizeUrl: expected.authorizeUrl,
        issuer: expected.issuer,
        resolve,
        reject,
        release: () => {
          clearTimeout(timer);
          cancellation?.removeEventListener('abort', onAbort);
        },
      });
      this.logger.debug(`Waiting for the browser to finish a sign-in (${this.waiting.size} pending).`);
    });
  }

  /** Called by the UriHandler with the callback's query string (or full URL). Returns whether it matched a pending sign-in. */
  handleCallback(uriOrQuery: string): boolean {
    const params = parseCallback(uriOrQuery);
    if (!params) {
      this.logger.warn('Ignored a sign-in callback without parameters.');
      return false;
    }
    return this.deliver(params, 'callback');
  }

  /**
   * Called with a value the user pasted. Only a whole address (or query) whose state matches a
   * pending sign-in finishes it. A bare code is refused, whatever is pending: it carries no state,
   * so it cannot be told from an old, already used code, and presenting a used code makes the
   * server revoke the tokens that code once produced, the user's working session.
   */
  handlePaste(value: string): PasteOutcome {
    const params = parseCallback(value);
    if (params) return this.deliver(params, 'pasted address') ? 'matched' : 'unmatched';
    if (looksLikeBareCode(value)) {
      this.logger.warn('Ignored a pasted bare code: only the whole address (with its state) can finish a sign-in.');
      return 'needsWholeAddress';
    }
    this.logger.warn('Ignored a pasted value that is neither an address nor a code.');
    return 'unmatched';
  }

  private deliver(params: CallbackParams, source: string): boolean {
    const { state } = params;
    if (!state) {
      this.logger.warn(`Ignored a sign-in ${source} without a state.`);
      return false;
    }
    if (!this.waiting.has(state)) {
      const kind = this.finished.includes(state) ? 'an already used' : 'an unknown';
      this.logger.warn(`Ignored a sign-in ${source} with ${kind} state.`);
      return false;
    }
    // A callback from another authorization server (a mix-up, RFC 9207) is ignored like a bad state.
    if (!issuerMatches(params, this.waiting.get(state)?.issuer)) {
      this.logger.warn(`Ignored a sign-in ${source} from another issuer (expected ${this.waiting.get(state)?.issuer}).`);
      return false;
    }
    if (params.error) {
      this.logger.warn(`The sign-in server refused the sign-in (${source}): ${params.error}.`);
      this.settle(state, callbackError(params.error, params.errorDescription));
      return true;
    }
    if (!params.code) {
      this.logger.warn(`A sign-in ${source} had neither a code nor an error.`);
      this.settle(state, new BoomTownError('malformedResponse', 'The sign-in server redirected back without a code.'));
      return true;
    }
    this.logger.info(`A sign-in ${source} matched a pending sign-in.`);
    this.settle(state, undefined, params.code);
    return true;
  }

  private settle(state: string, error: BoomTownError | undefined, code?: string): void {
    const waiter = this.waiting.get(state);
    if (!waiter) return;
    this.waiting.delete(state);
    this.finished.push(state);
    if (this.finished.length > REMEMBERED_STATES) this.finished.shift();
    waiter.release();
    if (error) waiter.reject(error);
    else waiter.resolve({ code: code as string });
  }
}
