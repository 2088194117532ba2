/**
 * Typed errors with a reason. Code branches on `reason`, never on message text; the one error
 * boundary in the vscode layer decides what the user sees for each reason.
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
  /**
   * The message as an English template with {0}-style placeholders and its arguments, for errors
   * the user reads: the boundary translates the template (vscode.l10n.t) instead of showing `message`.
   */
  template?: { text: string; args: Array<string | number> };
}

export class BoomTownError extends Error {
  readonly reason: ErrorReason;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly serverCode?: string;
  readonly template?: { text: string; args: Array<string | number> };

  constructor(reason: ErrorReason, message: string, options: BoomTownErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BoomTownError';
    this.reason = reason;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.serverCode = options.serverCode;
    this.template = options.template;
  }
}

/**
 * A typed error whose message the user reads: `text` is English with {0}-style placeholders, and
 * data only ever travels in `args`, so the boundary can translate the text and nothing else.
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
