import type { Clock } from '../../../../src/core/shared/ports';

/** A clock that starts at real time and moves only when told to (timers still run in real time). */
export class FakeClock implements Clock {
  private offset = 0;
  constructor(private readonly base = Date.now()) {}
  now(): number {
    return this.base + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** A clock that runs in real time plus an adjustable jump ahead (for servers that use real time). */
export class SkewedClock implements Clock {
  private skew = 0;
  now(): number {
    return Date.now() + this.skew;
  }
  advance(ms: number): void {
    this.skew += ms;
  }
}
