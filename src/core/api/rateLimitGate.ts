import type { Clock } from '../shared/ports';
import { raceCancellation, type Sleep } from '../shared/cancellation';

/**
 * One gate per client: when any request is told to slow down (429), every request through the same
 * client waits until Retry-After has passed, not just the one that was refused. Requests already on
 * the wire finish normally.
 */
export class RateLimitGate {
  private pause: { until: number; over: Promise<void> } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {}

  get isPaused(): boolean {
    return this.pause !== undefined;
  }

  /** When the gate opens again (epoch ms); undefined while open. */
  get resumesAt(): number | undefined {
    return this.pause?.until;
  }

  /** Closes the gate for `seconds`, unless it is already closed for longer. */
  pauseFor(seconds: number): void {
    const until = this.clock.now() + seconds * 1000;
    if (this.pause && this.pause.until >= until) return;
    const entry: { until: number; over: Promise<void> } = {
      until,
      over: this.sleep(seconds * 1000).then(
        () => this.reopen(entry),
        () => this.reopen(entry),
      ),
    };
    this.pause = entry;
  }

  /** Resolves once the gate is open; a cancelled caller stops waiting with 'cancelled'. */
  async passThrough(signal: AbortSignal | undefined): Promise<void> {
    // A pause may be replaced by a longer one while waiting: wait again for that one.
    while (this.pause) await raceCancellation(this.pause.over, signal);
  }

  private reopen(entry: { until: number }): void {
    if (this.pause === entry) this.pause = undefined;
  }
}
