/**
 * The test driver in a second tab (see test/rig/peerTab.ts): serves the suite's requests in this
 * tab's own extension host. It reads the BoomTown session as any extension would, checks the
 * token at the sandbox's /v1/me, and answers with a digest of the token, never the token.
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { Rig } from '../../integration/helpers/rig';
import type { PeerAnswer, PeerRequest } from '../bridgeProtocol';

const PROVIDER_ID = 'boomtown';
const SCOPES = ['offline_access'];

export async function servePeer(rig: Rig): Promise<void> {
  for (;;) {
    let next: { id?: number; request?: PeerRequest };
    try {
      next = await rig.call('peerNext', {});
    } catch {
      return; // the runner is gone
    }
    if (next.id === undefined || !next.request) continue;
    const answer = await serve(next.request).catch((error: unknown): PeerAnswer => ({ signedIn: false, error: error instanceof Error ? error.message : String(error) }));
    await rig.call('peerAnswer', { id: next.id, answer }).catch(() => undefined);
  }
}

async function serve(request: PeerRequest): Promise<PeerAnswer> {
  const session = await vscode.authentication.getSession(PROVIDER_ID, SCOPES, request.consent ? { createIfNone: true } : { silent: true });
  if (!session) return { signedIn: false };
  const response = await fetch(`${process.env.BOOMTOWN_API_URL ?? ''}/v1/me`, { headers: { authorization: `Bearer ${session.accessToken}` } });
  await response.arrayBuffer();
  return { signedIn: true, tokenDigest: createHash('sha256').update(session.accessToken).digest('hex').slice(0, 16), meStatus: response.status };
}
