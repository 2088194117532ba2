/**
 * N windows of one machine racing to renew one session: the multi-window harness of the unit tests
 * and of `npm run bench -- sessions`. Each window is a real SessionService; they share one
 * SharedSecrets (optionally slow, see SecretsBehaviour) and one global storage folder (the lock
 * file), against a sandbox that rotates refresh tokens and revokes the chain when one is reused.
 */
import type { AuthSession } from '../../../../src/core/auth/sessionTypes';
import type { SandboxOptions } from '../../../sandbox/index';
import { SharedSecrets } from '../../helpers/memorySecretStore';
import { SkewedClock } from './fakeClock';
import { openWindow, type TestWindow, type WindowOverrides } from './harness';
import { meStatus, startSandbox } from './sandbox';

export interface WorldOptions {
  windows: number;
  latencyMs?: () => number;
  sandbox?: SandboxOptions;
  lock?: 'file' | 'lease';
  /** Session service settings for every window (e.g. scaled-down lock and retry timings). */
  overrides?: WindowOverrides;
}

export interface RaceResult {
  lost: boolean;
  /** Why the race counts as lost (for test messages). */
  problem?: string;
  refreshRequests: number;
  ms: number;
}

export interface World {
  windows: TestWindow[];
  /** The windows' one secret store (to make its writes fail). */
  secrets: SharedSecrets;
  /** The token requests the sandbox refused so far (a reused refresh token is one). */
  refusedTokenRequests(): number;
  /** `arm` runs once the session exists, right before the windows race (e.g. to make the next save fail). */
  race(arm?: () => void): Promise<RaceResult>;
  close(): Promise<void>;
}

const SCOPES = ['leads:read'];
/** Short, yet longer than a slow sign-in takes to reach every window; each race jumps the clocks past it. */
const TOKEN_LIFETIME_S = 60;

export async function openWorld(options: WorldOptions): Promise<World> {
  const env = await startSandbox({ accessTokenTtlSeconds: TOKEN_LIFETIME_S, refreshTokenRotation: true, reuseDetection: true, ...options.sandbox });
  const secrets = new SharedSecrets({ latencyMs: options.latencyMs });
  const clock = new SkewedClock();
  const windows = Array.from({ length: options.windows }, () =>
    openWindow({ dispatcher: env.dispatcher, config: env.config, credentials: env.credentials, secrets, clock, lock: options.lock, overrides: { requestTimeoutMs: 15_000, ...options.overrides } }),
  );
  let current: AuthSession | undefined;

  /** Signs in in the first window and waits until every window sees that session. */
  const signIn = async (): Promise<AuthSession> => {
    const session = await windows[0].signIn(SCOPES);
    for (const window of windows.slice(1)) await until(async () => (await window.service.getSessions(SCOPES))[0]?.accessToken === session.accessToken);
    return session;
  };

  const race = async (arm?: () => void): Promise<RaceResult> => {
    current ??= await signIn();
    arm?.();
    const stale = current;
    env.sandbox.expireAccessTokens();
    clock.advance(TOKEN_LIFETIME_S * 1000 + 1_000); // every window's clock also says the token expired (renewal on read)
    env.sandbox.resetCounters();
    const started = performance.now();
    // Every window got a 401 for the stale token; every other one also reads its sessions meanwhile.
    const calls = windows.flatMap((window, index) => [
      window.service.forceRefresh(stale.id, stale.accessToken),
      ...(index % 2 === 1 ? [window.service.getSessions(SCOPES).then((s) => s[0])] : []),
    ]);
    const settled = await Promise.allSettled(calls);
    const ms = performance.now() - started;
    const counters = env.sandbox.counters();
    const refreshRequests = counters.byGrant.refresh_token ?? 0;
    const problem = await judge(settled, stale);
    if (problem) {
      current = await signIn();
      return { lost: true, problem, refreshRequests, ms };
    }
    current = (settled[0] as PromiseFulfilledResult<AuthSession>).value;
    return { lost: false, refreshRequests, ms };
  };

  const judge = async (settled: Array<PromiseSettledResult<AuthSession | undefined>>, stale: AuthSession): Promise<string | undefined> => {
    const rejected = settled.find((r) => r.status === 'rejected');
    if (rejected) return `a window failed: ${String((rejected as PromiseRejectedResult).reason)}`;
    const tokens = new Set(settled.map((r) => (r as PromiseFulfilledResult<AuthSession | undefined>).value?.accessToken));
    if (tokens.has(undefined)) return 'a window lost the session';
    if (tokens.size !== 1) return `windows disagree (${tokens.size} access tokens)`;
    // A renewal keeps the session: VS Code and the other windows know it by its id.
    if (settled.some((r) => (r as PromiseFulfilledResult<AuthSession>).value.id !== stale.id)) return 'the session id changed';
    const [token] = tokens as Set<string>;
    if (token === stale.accessToken) return 'not renewed';
    const failed = env.sandbox.requests().filter((r) => r.route === '/oauth/token' && r.status !== 200);
    if (failed.length) return `${failed.length} token requests failed (reuse detection)`;
    if ((await meStatus(env.dispatcher, env.sandbox.url, token)) !== 200) return 'the renewed token does not work';
    if (windows.some((w) => w.ended.length)) return 'a window ended the session';
    return undefined;
  };

  return {
    windows,
    secrets,
    refusedTokenRequests: () => env.sandbox.requests().filter((r) => r.route === '/oauth/token' && r.status !== 200).length,
    race,
    close: async () => {
      for (const window of windows) window.close();
      await env.close();
    },
  };
}

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('windows did not converge');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
