/** The consent page and the authorization error page. Every value is escaped: app names and users are data. */
import { randomBytes } from 'node:crypto';
import { cspSourceFor } from './clients';
import { escapeHtml, htmlPageHeaders, pageFrame } from '../http/html';
import { htmlReply, type Reply } from '../http/reply';
import type { SandboxUser } from '../types';
import type { AuthorizationRequest } from './authorizeRequest';
import { SCOPE_DESCRIPTIONS } from './scopes';

export const DECISION_PATH = '/oauth/authorize/decision';

export function consentPageReply(request: AuthorizationRequest, requestId: string, users: readonly SandboxUser[], preselectedUserId: string): Reply {
  const nonce = randomBytes(16).toString('base64');
  const form = decisionForm({ action: DECISION_PATH, hidden: ['request', requestId], appName: request.client.name, scopes: request.scopes, users, preselectedUserId });
  const content = `<h1>Allow access to your BoomTown account?</h1>
${form}
<p class="redirect">You will be sent back to ${escapeHtml(request.redirectUri)}</p>`;
  return htmlReply(200, pageFrame('Allow access — BoomTown', nonce, content), htmlPageHeaders(nonce, [cspSourceFor(request.redirectUri)].filter((source): source is string => source !== undefined)));
}

export function errorPageReply(title: string, message: string, status = 400): Reply {
  const nonce = randomBytes(16).toString('base64');
  const content = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p class="note">The application was not notified. Close this page and try signing in again.</p>`;
  return htmlReply(status, pageFrame(`${title} — BoomTown`, nonce, content), htmlPageHeaders(nonce));
}

/**
 * What an approval asks (the consent page's and the device page's): the app, the scopes it wants,
 * the users to continue as (radios name="user") and the Deny / Approve buttons (#deny, #approve),
 * posted to `action` with one hidden field that names what is decided.
 */
export function decisionForm(form: { action: string; hidden: [string, string]; appName: string; scopes: readonly string[]; users: readonly SandboxUser[]; preselectedUserId?: string }): string {
  const scopes = form.scopes.map((scope) => `<li>${escapeHtml(SCOPE_DESCRIPTIONS[scope] ?? scope)}<span class="scope-name">${escapeHtml(scope)}</span></li>`).join('\n');
  const checkedId = form.preselectedUserId ?? form.users[0]?.id;
  const userChoices = form.users
    .map(
      (user) => `<label class="user"><input type="radio" name="user" value="${escapeHtml(user.id)}"${user.id === checkedId ? ' checked' : ''}>
<span><span class="user-name">${escapeHtml(`${user.firstName} ${user.lastName}`)}</span><span class="user-email">${escapeHtml(user.email ?? 'no email address')}</span></span></label>`,
    )
    .join('\n');
  return `<p><span class="app">${escapeHtml(form.appName)}</span> wants to:</p>
<ul class="scopes">
${scopes}
</ul>
<form method="post" action="${form.action}">
<input type="hidden" name="${form.hidden[0]}" value="${escapeHtml(form.hidden[1])}">
<h2>Continue as</h2>
<fieldset>
${userChoices}
</fieldset>
<div class="actions">
<button type="submit" id="deny" name="decision" value="deny">Deny</button>
<button type="submit" id="approve" name="decision" value="approve">Approve</button>
</div>
</form>`;
}
