import { randomUUID } from 'node:crypto';
import { DEFAULT_SCOPES } from '../constants';
import { BoomTownApi } from './api/boomtownApi';
import { HttpClient } from './api/httpClient';
import { tokensFromSessions, type TokenSource } from './api/tokenSource';
import { ServerDiscovery } from './auth/flows/discovery';
import { PendingSignIns } from './auth/pendingSignIns';
import { SessionService, type SessionServiceDeps } from './auth/sessions/sessionService';
import type { SignInEndpoints } from './auth/signIn';
import type { ClientCredentials } from './auth/tokenEndpoint';
import { RequestHistory, type KeyValueStore } from './explorer/requestHistory';
import { RequestSender } from './explorer/requestSender';
import type { Disposable } from './shared/events';
import type { Sleep } from './shared/cancellation';
import type { Logger } from './shared/logger';
import { systemClock, type Clock, type SecretStore } from './shared/ports';
import type { HttpDispatcher } from './shared/transport/httpRequest';

/** A server without metadata documents costs a sign-in at most this long before the fixed paths are used. */
const DEFAULT_DISCOVERY_TIMEOUT_MS = 5_000;

/** The servers the user's settings name now (never a workspace's); `BoomTownConfig` fits. */
export type CoreSettings = SignInEndpoints;

/** Timings of the session layer; production uses the defaults, tests shorten them. */
export type SessionTimings = Pick<SessionServiceDeps, 'refreshWindowMs' | 'requestTimeoutMs' | 'fileLockTimings' | 'leaseTimings' | 'backoff' | 'saveRetry'>;

/** The ports one window's core is built from: everything it needs of the world outside plain Node. */
export interface CoreOptions {
  /** Where sessions are kept: SecretStorage (`context.secrets`) or anything shaped like it. */
  secrets: SecretStore;
  /** One connection pool for the authorization server and the API (an undici `Dispatcher`); the caller owns and closes it. */
  dispatcher: HttpDispatcher;
  /** Where the core logs; pass a `RedactingLogger` so the client secret and tokens never reach it. */
  logger: Logger;
  /** Read on every use, so a change of the user's settings applies to the next sign-in and request. */
  settings: () => CoreSettings;
  /** The client's id and secret for one authorization server (the secret is sent to that server only). */
  credentials: (authUrl: string) => Promise<ClientCredentials>;
  /** Time for expiry rules and leases; the system clock by default. */
  clock?: Clock;
  /**
   * The extension's global storage folder on this machine's disk: windows that share it serialize
   * renewals with a lock file there. Without it, they serialize through a lease in `secrets`.
   */
  globalStorageFolder?: string;
  /** Browser workbench: SecretStorage is each tab's own, so tabs share their tokens through the folder's record. */
  shareTokensInRecord?: boolean;
  /** Where the request history is kept (`context.workspaceState`); in memory, for this core only, by default. */
  workspaceState?: KeyValueStore;
  /**
   * The session API calls use. The extension asks `vscode.authentication.getSession` so the same
   * refresh-on-read rules apply as for any consumer; by default, this core's first session with the default scopes.
   */
  currentSession?: () => Promise<{ id: string; accessToken: string } | undefined>;
  /** The extension version, sent in the User-Agent. */
  version?: string;
  /** How long a sign-in waits for its callback (10 minutes by default). */
  signInTimeoutMs?: number;
  /** How long a sign-in waits for the server's metadata documents before using the fixed paths (5 s by default). */
  discoveryTimeoutMs?: number;
  /** The device grant's waits between polls (cancellable), and how long one second of the server's interval is: tests shorten them. */
  deviceTimings?: { sleep?: Sleep; secondMs?: number };
  sessionTimings?: Partial<SessionTimings>;
}

/** One window's core, composed: what the vscode layer (or a test, or a benchmark) drives. */
export interface Core extends Disposable {
  /** Sessions: `getSessions`, `createSession`, `removeSession`, `onDidChangeSessions` (and renewal on read). */
  readonly sessions: SessionService;
  /** Sign-ins waiting for the browser: callbacks (the UriHandler's URIs) go to `handleCallback`. */
  readonly pendingSignIns: PendingSignIns;
  /** The authorization servers' metadata (RFC 8414), read on the first sign-in; `forget()` when `boomtown.authUrl` changes. */
  readonly discovery: ServerDiscovery;
  /** The access tokens `apiClient` sends: `currentSession`'s, refreshed once after a 401. */
  readonly tokens: TokenSource;
  /** The API client: every request with the session's token (401 refresh, 429 wait, retries, cancel). */
  readonly apiClient: HttpClient;
  /** The typed BoomTown API (leads, the signed-in user) over `apiClient`. */
  readonly api: BoomTownApi;
  /** Requests from request files, the history and "Send Request…": sent through `apiClient`, recorded without tokens. */
  readonly requestSender: RequestSender;
  /** The exchanges `requestSender` recorded, newest first. */
  readonly requestHistory: RequestHistory;
}

/**
 * Composes one window's core from its ports. `activate()`, the unit tests and the benchmarks build
 * windows only through this, so each runs the same wiring. Disposing the core ends its timers and
 * listeners; the dispatcher and the secret store stay the caller's.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const pendingSignIns = new PendingSignIns(options.logger, { timeoutMs: options.signInTimeoutMs });
  const discovery = new ServerDiscovery({ dispatcher: options.dispatcher, logger: options.logger, timeoutMs: options.discoveryTimeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS });
  const sessions = new SessionService({
    ...options.sessionTimings,
    store: options.secrets,
    dispatcher: options.dispatcher,
    config: options.settings,
    credentials: options.credentials,
    pending: pendingSignIns,
    discovery,
    deviceTimings: options.deviceTimings,
    logger: options.logger,
    clock,
    lockDirectory: options.globalStorageFolder,
    shareTokensInRecord: options.shareTokensInRecord,
  });
  const currentSession = options.currentSession ?? (async () => (await sessions.getSessions(DEFAULT_SCOPES))[0]);
  const tokens = tokensFromSessions(currentSession, sessions);
  const apiClient = new HttpClient({
    dispatcher: options.dispatcher,
    config: options.settings,
    tokens,
    version: options.version,
    logger: options.logger,
    clock,
  });
  const requestHistory = new RequestHistory(options.workspaceState ?? memoryState());
  return {
    sessions,
    pendingSignIns,
    discovery,
    tokens,
    apiClient,
    api: new BoomTownApi(apiClient),
    requestSender: new RequestSender({ http: apiClient, history: requestHistory, clock, newId: randomUUID }),
    requestHistory,
    dispose: () => {
      requestHistory.dispose();
      sessions.dispose();
    },
  };
}

/** Workspace state that lives as long as the core: for cores without a workspace (tests, benchmarks). */
function memoryState(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key),
    update: async (key, value) => {
      values.set(key, value);
    },
  };
}
