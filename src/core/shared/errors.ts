/**
 * Typed errors with a reason. Code branches on `reason`, never on message text; what the user (and
 * the chat model) is told for each reason is one table, ./failures.ts.
 */
export type ErrorReason =
  | 'cancelled'
  | 'timeout'
  | 'stateMismatch'
  | 'accessDenied'
  | 'invalidGrant'
  | 'invalidClient'
  | 'oauthError'
  | 'missingClientId'
  | 'missingClientSecret'
  | 'notSignedIn'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'serverError'
  | 'network'
  | 'malformedResponse'
  | 'badRequest'
  | 'badInput'
  | 'storage';

interface BoomTownErrorOptions {
  cause?: unknown;
  /** HTTP status when the error came from a response. */
  status?: number;
  /** Seconds to wait before retrying (429). */
  retryAfterSeconds?: number;
  /** OAuth `error` code or API `error.code`, as the server sent it. */
  serverCode?: string;
  /** The API's `error.message`, as the server sent it (outside text: whoever shows it defuses it). */
  serverMessage?: string;
  /**
   * The message as a translated template with {0}-style placeholders and its arguments, for errors
   * the user reads: shown with each argument defused (shownText.ts's errorDetail) instead of `message`.
   */
  template?: { text: string; args: Array<string | number> };
}

export class BoomTownError extends Error {
  readonly reason: ErrorReason;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly serverCode?: string;
  readonly serverMessage?: string;
  readonly template?: { text: string; args: Array<string | number> };

  constructor(reason: ErrorReason, message: string, options: BoomTownErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BoomTownError';
    this.reason = reason;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.serverCode = options.serverCode;
    this.serverMessage = options.serverMessage;
    this.template = options.template;
  }
}

/**
 * A typed error whose message the user reads: `text` is our own message, already translated
 * (`l10n.t('…')` at the call, placeholders left for `args`), and data only ever travels in `args`,
 * so whoever shows it defuses the data and nothing else.
 */
export function userFacingError(reason: ErrorReason, text: string, args: Array<string | number> = [], options: Omit<BoomTownErrorOptions, 'template'> = {}): BoomTownError {
  const message = text.replace(/\{(\d+)\}/g, (placeholder, index: string) => (args[Number(index)] === undefined ? placeholder : String(args[Number(index)])));
  return new BoomTownError(reason, message, { ...options, template: { text, args } });
}

export function isBoomTownError(error: unknown, reason?: ErrorReason): error is BoomTownError {
  return error instanceof BoomTownError && (reason === undefined || error.reason === reason);
}

export function isCancellation(error: unknown): boolean {
  return isBoomTownError(error, 'cancelled');
}
