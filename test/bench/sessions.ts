/**
 * Sessions section: windows racing to renew one session over a shared secret store whose every
 * operation takes a given time (the effect model of test/unit/helpers/memorySecretStore.ts), the
 * sandbox rotating refresh tokens with reuse detection; and what the cross-window lock adds to
 * sign-in, refresh and sign-out when nobody competes.
 */
import { openWindow } from '../unit/auth/helpers/harness';
import { openWorld, type RaceResult, type World } from '../unit/auth/helpers/windowRace';
import { startSandbox } from '../unit/auth/helpers/sandbox';
import { discardingLogger } from './signedInWindow';
import type { Figure, SectionResult } from './report';
import { median, percentile, round } from './stats';
import { timingDispatcher } from './timingDispatcher';
import { SecretKeys } from '../../src/constants';

const RACES_PER_ROW = 100;
/** Races run in independent worlds (own sandbox, secrets, lock folder); slow rows run them side by side. */
const WORLDS = 20;
const UNCONTENDED_ROUNDS = 20;

/**
 * `parallel`: worlds running at once. The fast rows run one world at a time, so their durations are
 * a race's own and not 20 worlds sharing two cores; the slow rows are dominated by waiting.
 */
interface Row {
  key: string;
  label: string;
  latencyMs: () => number;
  parallel?: number;
  /** Runs before each race, once the session exists. */
  arm?: (world: World) => void;
  /** The cross-window lock (default: the lock file). */
  lock?: 'file' | 'lease';
}

const ROWS: Row[] = [
  { key: '0ms', label: '0 ms', latencyMs: () => 0, parallel: 1 },
  { key: '50ms', label: '50 ms', latencyMs: () => 50, parallel: 1 },
  { key: '200ms', label: '200 ms', latencyMs: () => 200 },
  { key: '400ms', label: '400 ms', latencyMs: () => 400 },
  { key: '1000ms', label: '1000 ms', latencyMs: () => 1000 },
  { key: 'random400ms', label: 'random 0–400 ms', latencyMs: () => Math.random() * 400 },
  { key: 'random1000ms', label: 'random 0–1000 ms', latencyMs: () => Math.random() * 1000 },
  // Windows that share only SecretStorage (no lock directory) fall back to the lease.
  { key: 'lease200ms', label: '200 ms, SecretStorage lease only', latencyMs: () => 200, lock: 'lease' },
  // Issue 22: the winner's save of the rotated tokens fails once; the others must not spend the old refresh token.
  { key: 'saveFailsOnce', label: '0 ms, the save after the rotating refresh fails once', latencyMs: () => 0, parallel: 1, arm: failNextSave },
];

function failNextSave(world: World): void {
  world.secrets.failStoresOf = SecretKeys.sessions;
  world.secrets.failStores = 1;
}

export async function sessionsSection(say: (line: string) => void): Promise<SectionResult> {
  const figures: Figure[] = [];
  let twoWindowInstant: number[] = [];
  for (const row of ROWS) {
    say(`sessions: ${RACES_PER_ROW} races, ${row.label}${row.arm ? '' : ' per secret operation'}`);
    const races = await runRow(row, row.parallel ?? WORLDS);
    const lost = races.filter((r) => r.lost).length;
    const refreshes = races.map((r) => r.refreshRequests);
    const ms = races.map((r) => r.ms);
    const meanRefreshes = refreshes.reduce((a, b) => a + b, 0) / races.length;
    if (row.key === '0ms') twoWindowInstant = races.filter((r) => r.windows === 2).map((r) => r.ms);
    figures.push(
      { key: `lost_${row.key}`, label: `[${row.label}] sessions lost of ${races.length}`, value: lost, target: 'expect 0', met: lost === 0 },
      { key: `refreshMean_${row.key}`, label: `[${row.label}] refresh requests per race, mean`, value: round(meanRefreshes, 2), target: 'expect 1', met: meanRefreshes === 1 },
      { key: `refreshMax_${row.key}`, label: `[${row.label}] refresh requests per race, max`, value: Math.max(...refreshes), target: 'expect 1', met: Math.max(...refreshes) === 1 },
      { key: `raceP50_${row.key}`, label: `[${row.label}] race duration p50`, value: round(median(ms)), unit: 'ms' },
      { key: `raceP95_${row.key}`, label: `[${row.label}] race duration p95`, value: round(percentile(ms, 95)), unit: 'ms' },
    );
  }
  const twoP50 = median(twoWindowInstant);
  figures.push({ key: 'twoWindowRaceP50_0ms', label: `two-window race, instant storage, p50 of ${twoWindowInstant.length}`, value: round(twoP50), unit: 'ms', target: '≤ 300 ms', met: twoP50 <= 300 });

  say(`sessions: ${UNCONTENDED_ROUNDS} uncontended sign-ins, refreshes and sign-outs`);
  const overhead = await measureUncontended();
  for (const [key, label, values] of [
    ['signInOverheadP50', 'sign-in', overhead.signIn],
    ['refreshOverheadP50', 'refresh', overhead.refresh],
    ['signOutOverheadP50', 'sign-out', overhead.signOut],
  ] as const) {
    const value = median(values);
    figures.push({ key, label: `uncontended ${label}: time beyond its HTTP round trips, p50`, value: round(value), unit: 'ms', target: '≤ 20 ms', met: value <= 20 });
  }
  return {
    name: 'sessions',
    title: 'Sessions across windows (lock file, sandbox rotating with reuse detection)',
    figures,
    notes: [
      `Each row: ${RACES_PER_ROW} races in ${WORLDS} independent worlds of 2, 3 or 4 windows (SessionServices) over one shared secret store whose get/store/delete each take the given time; 0 and 50 ms rows one world at a time, the others ${WORLDS} at once.`,
      'A race: the sandbox kills the access token and every window calls forceRefresh with it (a 401), every second window also reads its sessions with its clock past expiry.',
      'The lease row: no lock directory, the windows lock through the SecretStorage lease alone (windows that share only secrets).',
      'The last row: instant storage, and the save of the rotated tokens fails once in the window that refreshed (issue 22); it keeps the lock until the save succeeds.',
      'Lost: a window errs, loses the session or disagrees, a token request fails (reuse detection), or the renewed token does not work at /v1/me.',
      'Uncontended: one window, instant storage; HTTP time is summed by a timing dispatcher and subtracted.',
    ],
  };
}

async function runRow({ latencyMs, arm, lock }: Row, parallel: number): Promise<Array<RaceResult & { windows: number }>> {
  const perWorld = Math.ceil(RACES_PER_ROW / WORLDS);
  const runWorld = async (index: number) => {
    const windows = 2 + (index % 3);
    const world = await openWorld({ windows, latencyMs, lock });
    try {
      const races: Array<RaceResult & { windows: number }> = [];
      for (let i = 0; i < perWorld; i++) races.push({ ...(await world.race(arm && (() => arm(world)))), windows });
      return races;
    } finally {
      await world.close();
    }
  };
  const results: Array<RaceResult & { windows: number }> = [];
  for (let first = 0; first < WORLDS; first += parallel) {
    const batch = Array.from({ length: Math.min(parallel, WORLDS - first) }, (_, offset) => runWorld(first + offset));
    for (const races of await Promise.all(batch)) results.push(...races);
  }
  return results.slice(0, RACES_PER_ROW);
}

async function measureUncontended(): Promise<{ signIn: number[]; refresh: number[]; signOut: number[] }> {
  const env = await startSandbox({ refreshTokenRotation: true, reuseDetection: true });
  const timing = timingDispatcher(env.dispatcher);
  const logger = discardingLogger();
  const window = openWindow({ dispatcher: timing.dispatcher, config: env.config, credentials: env.credentials, overrides: { logger } });
  const browser = window.browser;
  const measure = async <T>(operation: () => Promise<T>): Promise<{ result: T; overhead: number }> => {
    timing.reset();
    const started = performance.now();
    const result = await operation();
    return { result, overhead: performance.now() - started - timing.httpMs() };
  };
  const signIn: number[] = [];
  const refresh: number[] = [];
  const signOut: number[] = [];
  try {
    for (let i = 0; i < UNCONTENDED_ROUNDS; i++) {
      const { result: session, overhead: signInMs } = await measure(() => window.service.createSession(['leads:read'], browser));
      signIn.push(signInMs);
      env.sandbox.expireAccessTokens();
      const { result: renewed, overhead: refreshMs } = await measure(() => window.service.forceRefresh(session.id, session.accessToken));
      if (renewed.accessToken === session.accessToken) throw new Error('not renewed');
      refresh.push(refreshMs);
      const { overhead: signOutMs } = await measure(() => window.service.removeSession(session.id));
      signOut.push(signOutMs);
    }
  } finally {
    window.close();
    await env.close();
  }
  return { signIn, refresh, signOut };
}
