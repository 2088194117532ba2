/**
 * What a cross-window lock gives the session store. Holding one means no other window that takes the
 * same lock is inside a session transaction. `confirm()` is asked right before a refresh token is
 * spent: it throws when the hold was lost (a lapsed lease, a lock another process declared stale),
 * so a rotating refresh token is never spent by two windows.
 */
export interface LockHold {
  confirm(): Promise<void>;
  release(): Promise<void>;
}

export interface CrossWindowLock {
  acquire(purpose: string): Promise<LockHold>;
}
