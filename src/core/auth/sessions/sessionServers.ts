import { normalizeBaseUrl } from '../../shared/config';
import type { SessionServer, StoredSession } from '../sessionTypes';

/**
 * Which server a session belongs to. A session's tokens go to the servers it was issued by and
 * nowhere else, and a window presents only the sessions of the servers its settings name now.
 */
export function serverOf(endpoints: { authUrl: string; apiUrl: string }): SessionServer {
  return { authUrl: normalizeBaseUrl(endpoints.authUrl) ?? endpoints.authUrl, apiUrl: normalizeBaseUrl(endpoints.apiUrl) ?? endpoints.apiUrl };
}

export function sameServer(a: SessionServer, b: SessionServer): boolean {
  return a.authUrl === b.authUrl && a.apiUrl === b.apiUrl;
}

/** A session stored before sessions remembered their server belongs to `configured` (the user's settings when first read). */
export function boundServer(session: StoredSession, configured: SessionServer): SessionServer {
  return session.server ?? configured;
}

export function belongsTo(session: StoredSession, configured: SessionServer): boolean {
  return sameServer(boundServer(session, configured), configured);
}

/** The sessions with every unbound one bound to `configured`; the same array when none was unbound. */
export function bindUnbound(sessions: readonly StoredSession[], configured: SessionServer): readonly StoredSession[] {
  if (sessions.every((s) => s.server)) return sessions;
  return sessions.map((s) => (s.server ? s : { ...s, server: { ...configured } }));
}
