/** Defaults and validation of sandbox options and faults. Bad values are refused early with a typed error. */
import { BoomTownError } from '../../src/core/shared/errors';
import type { ClientAuthenticationMode, DiscoveryDocuments, Faults, MutableOptions, RateLimit, RedirectKind, SandboxOptions } from './types';

export const NO_FAULTS: Faults = Object.freeze({
  latencyMs: 0,
  rateLimit: null,
  failEveryN: 0,
  dropEveryN: 0,
  slowBodyMs: 0,
  malformedJsonEveryN: 0,
  htmlEveryN: 0,
  expireTokensAfterSeconds: null,
  scope: 'api',
}) as Faults;

/** The options that can change while the sandbox runs, with their defaults filled in. */
export interface LiveOptions {
  accessTokenTtlSeconds: number;
  includeExpiresIn: boolean;
  refreshTokenRotation: boolean;
  reuseDetection: boolean;
  codeTtlSeconds: number;
  maxPageLimit: number;
  includeTotal: boolean;
  autoApprove: boolean | string;
  issuer: boolean | string;
  offlineAccessNeedsConsent: boolean;
  clientAuthentication: ClientAuthenticationMode;
  discovery: DiscoveryDocuments;
  discoveryMalformed: boolean;
  discoveryIssuer: string | null;
  discoveryDelayMs: number;
  issuerPath: string;
  deviceGrant: boolean;
  deviceIntervalSeconds: number;
  deviceCodeTtlSeconds: number;
  exactLoopbackPort: number | null;
  refuseRedirectKinds: RedirectKind[];
}

export const REDIRECT_KINDS: readonly RedirectKind[] = ['privateUse', 'workbench', 'loopback', 'https'];
const DISCOVERY_DOCUMENTS: readonly DiscoveryDocuments[] = ['both', 'oauth', 'openid', 'none'];

export const DEFAULT_LIVE_OPTIONS: Readonly<LiveOptions> = Object.freeze({
  accessTokenTtlSeconds: 3600,
  includeExpiresIn: true,
  refreshTokenRotation: true,
  reuseDetection: true,
  codeTtlSeconds: 600,
  maxPageLimit: 100,
  includeTotal: true,
  autoApprove: false,
  issuer: false,
  offlineAccessNeedsConsent: false,
  clientAuthentication: 'any',
  discovery: 'both',
  discoveryMalformed: false,
  discoveryIssuer: null,
  discoveryDelayMs: 0,
  issuerPath: '',
  deviceGrant: true,
  deviceIntervalSeconds: 5,
  deviceCodeTtlSeconds: 600,
  exactLoopbackPort: null,
  refuseRedirectKinds: [],
});

export function resolveLiveOptions(options: SandboxOptions): LiveOptions {
  const live: LiveOptions = { ...DEFAULT_LIVE_OPTIONS };
  const { autoApprove, accessTokenTtlSeconds, includeTotal, maxPageLimit, refreshTokenRotation, reuseDetection, includeExpiresIn } = options;
  const { issuer, offlineAccessNeedsConsent, clientAuthentication } = options;
  const { discovery, discoveryMalformed, discoveryIssuer, discoveryDelayMs, issuerPath } = options;
  const { deviceGrant, deviceIntervalSeconds, deviceCodeTtlSeconds, exactLoopbackPort, refuseRedirectKinds } = options;
  applyMutableOptions(live, {
    discovery,
    discoveryMalformed,
    discoveryIssuer,
    discoveryDelayMs,
    issuerPath,
    deviceGrant,
    deviceIntervalSeconds,
    deviceCodeTtlSeconds,
    exactLoopbackPort,
    refuseRedirectKinds,
    autoApprove,
    accessTokenTtlSeconds,
    includeTotal,
    maxPageLimit,
    refreshTokenRotation,
    reuseDetection,
    includeExpiresIn,
    issuer,
    offlineAccessNeedsConsent,
    clientAuthentication,
  });
  if (options.codeTtlSeconds !== undefined) live.codeTtlSeconds = positiveNumber('codeTtlSeconds', options.codeTtlSeconds);
  return live;
}

/** Validates every given value before changing anything, so a bad call leaves the options as they were. */
export function applyMutableOptions(target: LiveOptions, changes: Partial<MutableOptions>): void {
  const next = { ...target };
  if (!isPlainObject(changes)) throw badInput('options must be an object');
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    switch (key as keyof MutableOptions) {
      case 'accessTokenTtlSeconds':
        next.accessTokenTtlSeconds = positiveNumber(key, value);
        break;
      case 'maxPageLimit':
        next.maxPageLimit = positiveInteger(key, value);
        break;
      case 'includeExpiresIn':
      case 'refreshTokenRotation':
      case 'reuseDetection':
      case 'includeTotal':
      case 'offlineAccessNeedsConsent':
      case 'discoveryMalformed':
      case 'deviceGrant':
        if (typeof value !== 'boolean') throw badInput(`${key} must be a boolean`);
        next[key as 'includeTotal'] = value;
        break;
      case 'issuer':
        if (typeof value !== 'boolean' && (typeof value !== 'string' || value === '')) throw badInput('issuer must be a boolean or an issuer URL');
        next.issuer = value;
        break;
      case 'clientAuthentication':
        if (value !== 'any' && value !== 'basic' && value !== 'body') throw badInput("clientAuthentication must be 'any', 'basic' or 'body'");
        next.clientAuthentication = value;
        break;
      case 'discovery':
        if (!DISCOVERY_DOCUMENTS.includes(value as DiscoveryDocuments)) throw badInput(`discovery must be one of ${DISCOVERY_DOCUMENTS.join(', ')}`);
        next.discovery = value as DiscoveryDocuments;
        break;
      case 'discoveryIssuer':
        if (value !== null && (typeof value !== 'string' || value === '')) throw badInput('discoveryIssuer must be an issuer URL or null');
        next.discoveryIssuer = value;
        break;
      case 'discoveryDelayMs':
        next.discoveryDelayMs = nonNegativeInteger(key, value);
        break;
      case 'issuerPath':
        // One path segment: enough for a tenant, and it keeps the well-known routes simple.
        if (typeof value !== 'string' || (value !== '' && !/^\/[A-Za-z0-9._~-]+$/.test(value))) throw badInput("issuerPath must be '' or one path segment such as '/tenant'");
        next.issuerPath = value;
        break;
      case 'deviceIntervalSeconds':
      case 'deviceCodeTtlSeconds':
        next[key as 'deviceIntervalSeconds'] = positiveNumber(key, value);
        break;
      case 'exactLoopbackPort':
        if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535)) throw badInput('exactLoopbackPort must be a port (1-65535) or null');
        next.exactLoopbackPort = value;
        break;
      case 'refuseRedirectKinds':
        if (!Array.isArray(value) || value.some((kind) => !REDIRECT_KINDS.includes(kind as RedirectKind))) throw badInput(`refuseRedirectKinds must be a list of ${REDIRECT_KINDS.join(', ')}`);
        next.refuseRedirectKinds = [...new Set(value as RedirectKind[])];
        break;
      case 'autoApprove':
        if (typeof value !== 'boolean' && (typeof value !== 'string' || value === '')) {
          throw badInput('autoApprove must be a boolean or a user id/email');
        }
        next.autoApprove = value;
        break;
      default:
        throw badInput(`unknown or read-only option ${key}`);
    }
  }
  Object.assign(target, next);
}

/** Returns `current` with `changes` applied, after checking every value. */
export function mergeFaults(current: Faults, changes: Partial<Faults>): Faults {
  if (!isPlainObject(changes)) throw badInput('faults must be an object');
  const next: Faults = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    switch (key as keyof Faults) {
      case 'latencyMs':
      case 'slowBodyMs':
        next[key as 'latencyMs'] = nonNegativeInteger(key, value);
        break;
      case 'failEveryN':
      case 'dropEveryN':
      case 'malformedJsonEveryN':
      case 'htmlEveryN':
        next[key as 'failEveryN'] = nonNegativeInteger(key, value);
        break;
      case 'expireTokensAfterSeconds':
        next.expireTokensAfterSeconds = value === null ? null : nonNegativeNumber(key, value);
        break;
      case 'rateLimit':
        next.rateLimit = value === null ? null : rateLimit(value);
        break;
      case 'scope':
        if (value !== 'api' && value !== 'token' && value !== 'all') throw badInput("scope must be 'api', 'token' or 'all'");
        next.scope = value;
        break;
      default:
        throw badInput(`unknown fault ${key}`);
    }
  }
  return next;
}

function rateLimit(value: unknown): RateLimit {
  if (!isPlainObject(value)) throw badInput('rateLimit must be { limit, windowSeconds } or null');
  const { limit, windowSeconds, retryAfterFormat } = value as Record<string, unknown>;
  const result: RateLimit = {
    // 0 is a storm: every request is answered 429, Retry-After the whole window.
    limit: wholeNumber('rateLimit.limit', limit),
    windowSeconds: positiveNumber('rateLimit.windowSeconds', windowSeconds),
  };
  if (retryAfterFormat !== undefined) {
    if (retryAfterFormat !== 'seconds' && retryAfterFormat !== 'http-date') {
      throw badInput("rateLimit.retryAfterFormat must be 'seconds' or 'http-date'");
    }
    result.retryAfterFormat = retryAfterFormat;
  }
  return result;
}

function wholeNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw badInput(`${name} must be an integer >= 0`);
  return value;
}

export function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw badInput(`${name} must be an integer >= 1`);
  return value;
}

function nonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw badInput(`${name} must be an integer >= 0`);
  return value;
}

function positiveNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw badInput(`${name} must be a number > 0`);
  return value;
}

function nonNegativeNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw badInput(`${name} must be a number >= 0`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badInput(message: string): BoomTownError {
  return new BoomTownError('badInput', `sandbox: ${message}`);
}
