/** Shared fixtures of the sandbox tests: a sandbox per test on a manual clock. */
import type { Clock } from '../../../src/core/shared/ports';
import { start, type Sandbox, type SandboxOptions } from '../../sandbox/index';

/** Time that moves only when a test says so, for expiry rules and rate-limit windows. */
export class ManualClock implements Clock {
  private current = Date.UTC(2026, 10, 28, 9, 0, 0);

  now(): number {
    return this.current;
  }

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}

export interface SandboxFixture {
  sandbox: Sandbox;
  clock: ManualClock;
  url: string;
}

/** Starts a small sandbox (60 leads, so every hostile lead exists) before each test and stops it after. */
export function useSandbox(options: () => SandboxOptions = () => ({})): SandboxFixture {
  const fixture = {} as SandboxFixture;
  beforeEach(async () => {
    fixture.clock = new ManualClock();
    fixture.sandbox = await start({ leads: 60, clock: fixture.clock, ...options() });
    fixture.url = fixture.sandbox.url;
  });
  afterEach(async () => {
    await fixture.sandbox.stop();
  });
  return fixture;
}
