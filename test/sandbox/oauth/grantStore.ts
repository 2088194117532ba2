/**
 * Authorization codes, grants and tokens. A grant is one sign-in: the code it came from, every
 * access token and refresh token issued under it. Revoking the grant kills all of them at once,
 * which is how code reuse, refresh-token reuse and revocation of a refresh token end a "chain".
 */
import type { Clock } from '../../../src/core/shared/ports';
import { newSecret } from './secrets';

export interface CodeRecord {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  expiresAt: number;
  /** Set when the code was exchanged: the grant created from it. */
  grantId?: string;
}

export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  revoked: boolean;
}

export interface AccessTokenRecord {
  token: string;
  grantId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** Killed before its time: revoked, its chain revoked, or expireAccessTokens(). */
  killed: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  grantId: string;
  /** Rotated away: presenting it again is reuse. */
  used: boolean;
}

export type AccessTokenCheck =
  | { ok: true; record: AccessTokenRecord; grant: Grant }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

// Housekeeping: forget dead access tokens and old codes now and then so long benchmarks do not grow memory.
const PRUNE_EVERY = 1000;

export class GrantStore {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly grants = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private grantSequence = 0;
  private issuedSincePrune = 0;

  constructor(private readonly clock: Clock) {}

  issueCode(details: Omit<CodeRecord, 'code' | 'expiresAt' | 'grantId'>, ttlSeconds: number): CodeRecord {
    const record: CodeRecord = { ...details, code: newSecret('code'), expiresAt: this.clock.now() + ttlSeconds * 1000 };
    this.codes.set(record.code, record);
    this.maybePrune();
    return record;
  }

  findCode(code: string): CodeRecord | undefined {
    return this.codes.get(code);
  }

  isExpired(code: CodeRecord): boolean {
    return this.clock.now() >= code.expiresAt;
  }

  /** Marks the code used and starts a grant from it. */
  redeemCode(code: CodeRecord): Grant {
    const grant = this.createGrant(code.clientId, code.userId, code.scopes);
    code.grantId = grant.id;
    return grant;
  }

  getGrant(id: string): Grant | undefined {
    return this.grants.get(id);
  }

  issueAccessToken(grant: Grant, ttlSeconds: number, scopes: string[] = grant.scopes): AccessTokenRecord {
    const issuedAt = this.clock.now();
    const record: AccessTokenRecord = { token: newSecret('accessToken'), grantId: grant.id, scopes, issuedAt, expiresAt: issuedAt + ttlSeconds * 1000, killed: false };
    this.accessTokens.set(record.token, record);
    this.maybePrune();
    return record;
  }

  issueRefreshToken(grant: Grant): RefreshTokenRecord {
    const record: RefreshTokenRecord = { token: newSecret('refreshToken'), grantId: grant.id, used: false };
    this.refreshTokens.set(record.token, record);
    return record;
  }

  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.get(token);
  }

  findAccessToken(token: string): AccessTokenRecord | undefined {
    return this.accessTokens.get(token);
  }

  /** `earlyExpirySeconds` is the expireTokensAfterSeconds fault: tokens die sooner than they said. */
  checkAccessToken(token: string, earlyExpirySeconds: number | null): AccessTokenCheck {
    const record = this.accessTokens.get(token);
    if (!record) return { ok: false, reason: 'unknown' };
    const grant = this.grants.get(record.grantId);
    if (record.killed || !grant || grant.revoked) return { ok: false, reason: 'revoked' };
    const now = this.clock.now();
    const diesAt = earlyExpirySeconds === null ? record.expiresAt : Math.min(record.expiresAt, record.issuedAt + earlyExpirySeconds * 1000);
    if (now >= diesAt) return { ok: false, reason: 'expired' };
    return { ok: true, record, grant };
  }

  /** Ends a whole chain: every access and refresh token of the grant stops working. */
  revokeGrant(grantId: string): void {
    const grant = this.grants.get(grantId);
    if (grant) grant.revoked = true;
  }

  killAccessToken(record: AccessTokenRecord): void {
    record.killed = true;
  }

  killAllAccessTokens(): void {
    for (const record of this.accessTokens.values()) record.killed = true;
  }

  /** A grant that starts without a code (an approved device authorization). */
  createGrant(clientId: string, userId: string, scopes: string[]): Grant {
    const grant: Grant = { id: `g${++this.grantSequence}`, clientId, userId, scopes, revoked: false };
    this.grants.set(grant.id, grant);
    return grant;
  }

  private maybePrune(): void {
    if (++this.issuedSincePrune < PRUNE_EVERY) return;
    this.issuedSincePrune = 0;
    const now = this.clock.now();
    for (const [token, record] of this.accessTokens) if (record.killed || record.expiresAt <= now) this.accessTokens.delete(token);
    // Redeemed codes are kept while they could still be replayed, so reuse is still detected within their lifetime.
    for (const [code, record] of this.codes) if (record.expiresAt <= now) this.codes.delete(code);
  }
}
