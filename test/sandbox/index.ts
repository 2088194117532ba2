/**
 * The BoomTown sandbox: a local emulator of BoomTown's OAuth server and API, implementing
 * the API contract (boomtown-api.md in the shared folder beside this repository). One loopback HTTP server answers both the auth routes and the API.
 * See README.md for its choices (the 403 lead, hostile leads, fault semantics).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { BoomTownError } from '../../src/core/shared/errors';
import { systemClock } from '../../src/core/shared/ports';
import { adminRoutes, type SandboxControls } from './admin/admin';
import { apiRoutes } from './api/apiRoutes';
import { defaultClient } from './oauth/clients';
import type { SandboxState } from './context';
import { Dataset } from './data/dataset';
import { FaultEngine } from './faults/faults';
import { Metrics } from './admin/metrics';
import { authorizeRoutes, findUser } from './oauth/authorizeRoutes';
import { ConsentRequests } from './oauth/consentRequests';
import { DeviceCodes } from './oauth/deviceCodes';
import { deviceRoutes } from './oauth/deviceRoutes';
import { discoveryRoutes } from './oauth/discovery';
import { GrantStore } from './oauth/grantStore';
import { tokenRoutes } from './oauth/tokenRoutes';
import { applyMutableOptions, positiveInteger, resolveLiveOptions } from './options';
import { Router } from './router';
import { handleRequest } from './server';
import type { MutableOptions, Sandbox, SandboxOptions, SandboxUser } from './types';

export type * from './types';
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_NAME, DEFAULT_CLIENT_SECRET, CODE_SERVER_CALLBACK_PATTERNS, appendQuery, exactLoopbackRedirectUri, isRegisteredRedirectUri, redirectKindOf } from './oauth/clients';
export { DEVICE_GRANT_TYPE } from './oauth/deviceCodes';
export { OAUTH_METADATA_PATH, OPENID_METADATA_PATH } from './oauth/discovery';
export { FOREIGN_TEAM_LEAD_ID, LEAD_SORTS } from './data/dataset';
export { HOSTILE_LEAD_IDS, LONG_TEXT_LENGTH, type HostileKind } from './data/hostile';
export { KNOWN_SCOPES } from './oauth/scopes';
export { TOKEN_PREFIXES } from './oauth/secrets';
export { NO_FAULTS, REDIRECT_KINDS } from './options';

export async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const liveOptions = resolveLiveOptions(options);
  const dataset = Dataset.generate({
    leads: options.leads === undefined ? 500 : wholeNumber('leads', options.leads),
    seed: options.seed === undefined ? 1 : wholeNumber('seed', options.seed),
    users: positiveInteger('users', options.users ?? 3),
  });
  checkAutoApprove(liveOptions.autoApprove, dataset.users);
  const clients = options.clients ?? [defaultClient()];
  if (clients.length === 0) throw new BoomTownError('badInput', 'sandbox: at least one client is required');

  const state: SandboxState = {
    dataset,
    clients,
    options: liveOptions,
    grants: new GrantStore(clock),
    consents: new ConsentRequests(clock),
    devices: new DeviceCodes(clock),
    faults: new FaultEngine(clock, options.faults),
    metrics: new Metrics(),
    clock,
  };

  const controls: SandboxControls = {
    counters: () => state.metrics.counters(),
    resetCounters: () => state.metrics.reset(),
    requests: () => state.metrics.requests(),
    faults: () => state.faults.current,
    setFaults: (changes) => state.faults.set(changes),
    options: () => ({ ...state.options }),
    setOptions: (changes: Partial<MutableOptions>) => {
      if (changes && typeof changes.autoApprove === 'string') checkAutoApprove(changes.autoApprove, dataset.users);
      applyMutableOptions(state.options, changes);
    },
    expireAccessTokens: () => state.grants.killAllAccessTokens(),
    devicePolls: () => state.devices.records(),
  };

  const router = new Router([...authorizeRoutes, ...tokenRoutes, ...deviceRoutes, ...discoveryRoutes, ...apiRoutes, ...adminRoutes(controls)]);
  const shutdown = new AbortController();
  const server = createServer((req, res) => {
    handleRequest(req, res, { state, router, shutdown: shutdown.signal, log: options.log }).catch(() => req.socket.destroy());
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    clients,
    users: dataset.users,
    counters: controls.counters,
    resetCounters: controls.resetCounters,
    requests: controls.requests,
    setFaults: controls.setFaults,
    setOptions: controls.setOptions,
    expireAccessTokens: controls.expireAccessTokens,
    devicePolls: controls.devicePolls,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        shutdown.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/** A running sandbox with what a client of it needs: its endpoints, the default client's credentials, an undici Agent. */
export interface RunningSandbox {
  sandbox: Sandbox;
  url: string;
  /** Made on first use (the rig never needs one); closed by close(). */
  readonly dispatcher: Agent;
  /** The endpoints as the extension's settings would name them: one server answers both. */
  config(): { authUrl: string; apiUrl: string };
  /** The first registered client's id and secret. */
  credentials(): Promise<{ clientId: string; clientSecret: string }>;
  /** Closes the Agent (when made) and stops the sandbox; calling it again is harmless. */
  close(): Promise<void>;
}

/**
 * The one way tests, benchmarks and the rig start a sandbox (start() is the bare server beneath it).
 * `dispatcher` sets the Agent's limits where a test needs them.
 */
export async function startSandbox(options: SandboxOptions & { dispatcher?: Agent.Options } = {}): Promise<RunningSandbox> {
  const { dispatcher: agentOptions, ...sandboxOptions } = options;
  const sandbox = await start(sandboxOptions);
  const [client] = sandbox.clients;
  let agent: Agent | undefined;
  let closing: Promise<void> | undefined;
  return {
    sandbox,
    url: sandbox.url,
    get dispatcher() {
      return (agent ??= new Agent(agentOptions));
    },
    config: () => ({ authUrl: sandbox.url, apiUrl: sandbox.url }),
    credentials: async () => ({ clientId: client.clientId, clientSecret: client.clientSecret }),
    close: () =>
      (closing ??= (async () => {
        await agent?.close();
        await sandbox.stop();
      })()),
  };
}

function checkAutoApprove(autoApprove: boolean | string | undefined, users: readonly SandboxUser[]): void {
  if (typeof autoApprove === 'string' && !findUser(users, autoApprove)) {
    throw new BoomTownError('badInput', `sandbox: autoApprove names no seeded user: ${autoApprove}`);
  }
}

function wholeNumber(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new BoomTownError('badInput', `sandbox: ${name} must be a whole number >= 0`);
  return value;
}
