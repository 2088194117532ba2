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

/** Takes several locks in order and releases them in reverse; confirm() asks each. */
export class LayeredLock implements CrossWindowLock {
  constructor(private readonly layers: readonly CrossWindowLock[]) {}

  async acquire(purpose: string): Promise<LockHold> {
    const holds: LockHold[] = [];
    try {
      for (const layer of this.layers) holds.push(await layer.acquire(purpose));
    } catch (error) {
      await releaseAll(holds);
      throw error;
    }
    return {
      confirm: async () => {
        for (const hold of holds) await hold.confirm();
      },
      release: () => releaseAll(holds),
    };
  }
}

async function releaseAll(holds: readonly LockHold[]): Promise<void> {
  for (const hold of [...holds].reverse()) await hold.release().catch(() => undefined);
}
