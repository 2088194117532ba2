import assert from 'node:assert/strict';
import type { Rig } from './rig';
import { eventually, sandboxUrl } from './sandboxAdmin';

/** The texts of the notification toasts on screen, joined by " | ". */
export async function toastTexts(rig: Rig): Promise<string> {
  return (await rig.textOf('.notifications-toasts .notification-list-item-message')).join(' | ');
}

/** Settles to 'resolved', 'rejected' or 'pending' without waiting. */
export function track<T>(promise: Thenable<T>): { state: () => 'pending' | 'resolved' | 'rejected'; result: Promise<T | unknown> } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  const result = Promise.resolve(promise).then(
    (value) => ((state = 'resolved'), value),
    (error: unknown) => ((state = 'rejected'), error),
  );
  return { state: () => state, result };
}

/**
 * Approves a sign-in on the sandbox's consent page over plain HTTP, as a person in another browser
 * would, and returns the address the browser would land on (the redirect, not followed).
 */
export async function approveOverHttp(authorizeUrl: string): Promise<string> {
  const consentPage = await (await fetch(authorizeUrl)).text();
  const requestId = /name="request" value="([^"]+)"/.exec(consentPage)?.[1];
  const userId = /name="user" value="([^"]+)"/.exec(consentPage)?.[1];
  assert.ok(requestId && userId, 'the consent page');
  const decision = await fetch(`${sandboxUrl()}/oauth/authorize/decision`, {
    method: 'POST',
    body: new URLSearchParams({ request: requestId, user: userId, decision: 'approve' }),
    redirect: 'manual',
  });
  return decision.headers.get('location') ?? '';
}

/** The next URL VS Code opens in a new browser tab after `seen` of them. */
export async function nextOpenedUrl(rig: Rig, seen: number): Promise<string> {
  return eventually('VS Code to open a page in the browser', async () => (await rig.openedUrls())[seen]);
}
