/** Shared fixtures of the sandbox tests: a sandbox per test on a fake clock of its own. */
import sinon from 'sinon';
import { startSandbox, type RunningSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index';

export interface SandboxFixture {
  sandbox: Sandbox;
  /**
   * sinon's fake timers, faking Date on a private object only: the sandbox reads `clock.now`, while
   * timers, sockets and mocha keep real time. `clock.tick(ms)` moves expiry rules and rate-limit windows.
   */
  clock: sinon.SinonFakeTimers;
  url: string;
}

/** Starts a small sandbox (60 leads, so every hostile lead exists) before each test and stops it after. */
export function useSandbox(options: () => SandboxOptions = () => ({})): SandboxFixture {
  const fixture = {} as SandboxFixture;
  let running: RunningSandbox;
  beforeEach(async () => {
    // `global` (installing on a given object) is sinon's, though its typings leave it out.
    const config = { now: Date.UTC(2026, 10, 28, 9, 0, 0), toFake: ['Date'], global: { Date } } as Parameters<typeof sinon.useFakeTimers>[0];
    const clock = sinon.useFakeTimers(config);
    fixture.clock = clock;
    running = await startSandbox({ leads: 60, clock: { now: () => clock.now }, ...options() });
    fixture.sandbox = running.sandbox;
    fixture.url = running.url;
  });
  afterEach(async () => {
    await running.close();
    fixture.clock.restore();
  });
  return fixture;
}
