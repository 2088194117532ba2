/** Counters and the recent-request log. Admin routes are not recorded here: they are not traffic. */
import type { Counters, RequestRecord } from '../types';

const KEPT_REQUESTS = 1000;
const KNOWN_GRANTS = new Set(['authorization_code', 'refresh_token', 'client_credentials', 'password']);
/** RFC 8628's grant type is a URN; counters name it by its last part. */
const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

export class Metrics {
  private counts: Counters = emptyCounters();
  private recent: RequestRecord[] = [];

  record(entry: RequestRecord): void {
    this.counts.total++;
    increment(this.counts.byRoute, `${entry.method} ${entry.route}`);
    increment(this.counts.byStatus, entry.status === 0 ? 'dropped' : String(entry.status));
    if (entry.grantType !== undefined) increment(this.counts.byGrant, grantKey(entry.grantType));
    this.recent.push(entry);
    if (this.recent.length > KEPT_REQUESTS) this.recent.splice(0, this.recent.length - KEPT_REQUESTS);
  }

  counters(): Counters {
    return structuredClone(this.counts);
  }

  requests(): RequestRecord[] {
    return this.recent.map((entry) => ({ ...entry }));
  }

  reset(): void {
    this.counts = emptyCounters();
    this.recent = [];
  }
}

function emptyCounters(): Counters {
  return { total: 0, byRoute: {}, byGrant: {}, byStatus: {} };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function grantKey(grantType: string): string {
  if (grantType === DEVICE_GRANT_TYPE) return 'device_code';
  return KNOWN_GRANTS.has(grantType) ? grantType : 'other';
}
