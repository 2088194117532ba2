/**
 * Decides, per request, which fault shapes the answer. "Every Nth" counts the requests the faults
 * apply to (scope), starting from the last setFaults(), so tests know exactly which request fails.
 * A request picked for drop/fail/malformed/html never reaches its route: like a proxy that failed,
 * the server did nothing (no code redeemed, no refresh token rotated), so a client that keeps its
 * session after such an answer is right to.
 */
import type { Clock } from '../../../src/core/shared/ports';
import { mergeFaults, NO_FAULTS } from '../options';
import type { FaultScope, Faults } from '../types';

/** Which part of the server a route belongs to; faults apply by family. */
export type RouteFamily = 'api' | 'token' | 'authorize' | 'admin' | 'other';

export type InjectedFailure = 'drop' | 'fail' | 'malformedJson' | 'html';

export interface RateLimitVerdict {
  limited: boolean;
  headers: Record<string, string>;
}

export interface FaultDecision {
  latencyMs: number;
  slowBodyMs: number;
  rateLimit?: RateLimitVerdict;
  failure?: InjectedFailure;
  /** For 'fail': alternates 503 and 500 so clients see both. */
  failStatus?: number;
}

const NONE: FaultDecision = { latencyMs: 0, slowBodyMs: 0 };

export class FaultEngine {
  private faults: Faults;
  private matched = 0;
  private failures = 0;
  private window = { startedAt: 0, count: 0 };

  constructor(
    private readonly clock: Clock,
    initial: Partial<Faults> = {},
  ) {
    this.faults = mergeFaults(NO_FAULTS, initial);
  }

  get current(): Faults {
    return { ...this.faults };
  }

  /** Merges the change and restarts the counters and the rate-limit window. */
  set(changes: Partial<Faults>): void {
    this.faults = mergeFaults(this.faults, changes);
    this.matched = 0;
    this.failures = 0;
    this.window = { startedAt: 0, count: 0 };
  }

  get earlyExpirySeconds(): number | null {
    return this.faults.expireTokensAfterSeconds;
  }

  decide(family: RouteFamily): FaultDecision {
    if (!appliesTo(this.faults.scope, family)) return NONE;
    const decision: FaultDecision = { latencyMs: this.faults.latencyMs, slowBodyMs: this.faults.slowBodyMs };
    if (this.faults.rateLimit) {
      decision.rateLimit = this.rateLimit();
      if (decision.rateLimit.limited) return decision;
    }
    const n = ++this.matched;
    const every = (period: number) => period > 0 && n % period === 0;
    if (every(this.faults.dropEveryN)) decision.failure = 'drop';
    else if (every(this.faults.failEveryN)) {
      decision.failure = 'fail';
      decision.failStatus = this.failures++ % 2 === 0 ? 503 : 500;
    } else if (every(this.faults.htmlEveryN)) decision.failure = 'html';
    else if (every(this.faults.malformedJsonEveryN)) decision.failure = 'malformedJson';
    return decision;
  }

  /** A fixed window per rate-limit setting; every answer in scope carries the X-RateLimit-* headers. */
  private rateLimit(): RateLimitVerdict {
    const { limit, windowSeconds, retryAfterFormat } = this.faults.rateLimit!;
    const now = this.clock.now();
    const windowMs = windowSeconds * 1000;
    if (this.window.count === 0 || now >= this.window.startedAt + windowMs) this.window = { startedAt: now, count: 0 };
    const resetAt = this.window.startedAt + windowMs;
    const limited = this.window.count >= limit;
    if (!limited) this.window.count++;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - this.window.count)),
      // Epoch seconds, as GitHub and many CRMs send it.
      'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
    };
    if (limited) {
      const waitSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
      headers['Retry-After'] = retryAfterFormat === 'http-date' ? new Date(now + waitSeconds * 1000).toUTCString() : String(waitSeconds);
    }
    return { limited, headers };
  }
}

export function appliesTo(scope: FaultScope, family: RouteFamily): boolean {
  if (family === 'admin') return false;
  if (scope === 'all') return true;
  return scope === family;
}
