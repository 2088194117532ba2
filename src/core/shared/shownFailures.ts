/**
 * Failures the user has already been told about, so one failure is shown once.
 *
 * The case it exists for: a command asks VS Code for a session, VS Code asks our authentication
 * provider to sign in, the sign-in fails, and the provider shows the failure (it must: the request
 * may have come from another extension or the Accounts menu). VS Code then hands the command a copy
 * of the error, rebuilt on its side of an RPC, so the error's identity cannot say it was shown. The
 * provider counts what it showed instead, and the command compares the count around its call.
 */
export class ShownFailures {
  private shown = 0;

  /** Called by whoever just told the user, before the error travels on. */
  markShown(): void {
    this.shown++;
  }

  /**
   * Runs `task`; a failure during which another one was shown comes back as AlreadyShown. Two
   * sign-ins failing at once may be taken for one another: the cost is one message, not a lost one,
   * since each was shown by the provider.
   */
  async around<T>(task: () => Promise<T>): Promise<T> {
    const before = this.shown;
    try {
      return await task();
    } catch (error) {
      if (this.shown > before) throw new AlreadyShown(error);
      throw error;
    }
  }
}

/** A failure the user has seen already: the error boundary logs it and shows nothing. */
export class AlreadyShown extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original), { cause: original });
    this.name = 'AlreadyShown';
  }
}
