/**
 * Authorization requests waiting for the user's decision on the consent page. The page only
 * carries an unguessable id; everything that matters (client, redirect URI, scopes, challenge)
 * stays here, so editing the form cannot change what gets approved.
 */
import type { Clock } from '../../../src/core/shared/ports';
import type { AuthorizationRequest } from './authorizeRequest';
import { newSecret } from './secrets';

const PENDING_TTL_MS = 15 * 60_000;

export class ConsentRequests {
  private readonly pending = new Map<string, { request: AuthorizationRequest; expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  add(request: AuthorizationRequest): string {
    this.forgetExpired();
    const id = newSecret('consentRequest');
    this.pending.set(id, { request, expiresAt: this.clock.now() + PENDING_TTL_MS });
    return id;
  }

  /** Single use: a decision consumes the request whether it approves or denies. */
  take(id: string): AuthorizationRequest | undefined {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (!entry || entry.expiresAt <= this.clock.now()) return undefined;
    return entry.request;
  }

  private forgetExpired(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(id);
  }
}
