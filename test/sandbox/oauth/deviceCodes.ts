/**
 * Device authorizations (RFC 8628): a device code the client polls with, a short user code the user
 * types or follows, and how the polling went, so tests can check "the interval kept" at the server.
 */
import { randomInt } from 'node:crypto';
import type { Clock } from '../../../src/core/shared/ports';
import type { DevicePollRecord } from '../types';
import { newSecret } from './secrets';

export const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/** RFC 8628 §5.1: consonants only (no vowels, so no words), no look-alikes; 20^8 codes. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

/** RFC 8628 §3.5: each slow_down adds 5 seconds to the interval the client must keep. */
export const SLOW_DOWN_STEP_MS = 5000;

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  intervalMs: number;
  status: DevicePollRecord['status'];
  userId?: string;
  lastPollAt?: number;
  polls: number;
  slowDowns: number;
  gapsMs: number[];
}

export class DeviceCodes {
  private readonly byDevice = new Map<string, DeviceAuthorization>();
  private readonly byUser = new Map<string, DeviceAuthorization>();

  constructor(private readonly clock: Clock) {}

  issue(clientId: string, scopes: string[], ttlSeconds: number, intervalSeconds: number): DeviceAuthorization {
    let userCode: string;
    do userCode = newUserCode();
    while (this.byUser.has(userCode));
    const record: DeviceAuthorization = {
      deviceCode: newSecret('deviceCode'),
      userCode,
      clientId,
      scopes,
      expiresAt: this.clock.now() + ttlSeconds * 1000,
      intervalMs: intervalSeconds * 1000,
      status: 'pending',
      polls: 0,
      slowDowns: 0,
      gapsMs: [],
    };
    this.byDevice.set(record.deviceCode, record);
    this.byUser.set(userCode, record);
    return record;
  }

  findByDeviceCode(deviceCode: string): DeviceAuthorization | undefined {
    return this.byDevice.get(deviceCode);
  }

  /** Typed codes are forgiven case and separators ("wdjb mjht" finds WDJB-MJHT). */
  findByUserCode(typed: string): DeviceAuthorization | undefined {
    return this.byUser.get(normalizeUserCode(typed));
  }

  isExpired(record: DeviceAuthorization): boolean {
    return this.clock.now() >= record.expiresAt;
  }

  /** Counts a poll and says whether it came sooner than the interval required so far. */
  recordPoll(record: DeviceAuthorization): { tooSoon: boolean } {
    const now = this.clock.now();
    record.polls++;
    const last = record.lastPollAt;
    record.lastPollAt = now;
    if (last === undefined) return { tooSoon: false };
    record.gapsMs.push(now - last);
    return { tooSoon: now - last < record.intervalMs };
  }

  slowDown(record: DeviceAuthorization): void {
    record.slowDowns++;
    record.intervalMs += SLOW_DOWN_STEP_MS;
  }

  records(): DevicePollRecord[] {
    return [...this.byDevice.values()].map((record) => ({
      userCode: record.userCode,
      status: record.status,
      polls: record.polls,
      slowDowns: record.slowDowns,
      intervalSeconds: record.intervalMs / 1000,
      gapsMs: [...record.gapsMs],
    }));
  }
}

export function normalizeUserCode(typed: string): string {
  const letters = typed.toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

function newUserCode(): string {
  const letters = Array.from({ length: 8 }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join('');
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}
