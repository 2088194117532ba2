/**
 * The device flow's pages (RFC 8628 §3.3): enter the user code, then approve or deny it as one of
 * the users. Same care as the consent page: every value escaped, style by nonce, forms post only
 * to this server. Buttons #approve and #deny, radios name="user", the code field #user_code.
 */
import { randomBytes } from 'node:crypto';
import { escapeHtml, htmlPageHeaders, pageFrame } from '../http/html';
import { htmlReply, type Reply } from '../http/reply';
import type { SandboxClient, SandboxUser } from '../types';
import type { DeviceAuthorization } from './deviceCodes';
import { decisionForm } from './consentPage';

export const DEVICE_PAGE_PATH = '/oauth/device';
export const DEVICE_DECISION_PATH = '/oauth/device/decision';

export function enterCodePageReply(problem?: string): Reply {
  const content = `<h1>Connect a device</h1>
${problem ? `<p class="problem" id="problem">${escapeHtml(problem)}</p>` : ''}
<p>Enter the code the application shows you.</p>
<form method="get" action="${DEVICE_PAGE_PATH}">
<input type="text" id="user_code" name="user_code" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="XXXX-XXXX">
<div class="actions"><button type="submit" id="continue">Continue</button></div>
</form>`;
  return page(problem ? 400 : 200, 'Connect a device — BoomTown', content);
}

export function approveCodePageReply(record: DeviceAuthorization, client: SandboxClient, users: readonly SandboxUser[]): Reply {
  const form = decisionForm({ action: DEVICE_DECISION_PATH, hidden: ['user_code', record.userCode], appName: client.name, scopes: record.scopes, users });
  const content = `<h1>Allow a device to use your BoomTown account?</h1>
<p>Check that the application shows this code: <strong class="user-code" id="shown_code">${escapeHtml(record.userCode)}</strong></p>
${form}`;
  return page(200, 'Connect a device — BoomTown', content);
}

/** What the user sees after deciding; the application learns it by polling, not from this page. */
export function decidedPageReply(approved: boolean): Reply {
  const content = approved
    ? `<h1 id="outcome">Device connected</h1>\n<p>Return to the application: it signs in within a few seconds. You can close this page.</p>`
    : `<h1 id="outcome">Access denied</h1>\n<p>The application was not given access. You can close this page.</p>`;
  return page(200, `${approved ? 'Device connected' : 'Access denied'} — BoomTown`, content);
}

function page(status: number, title: string, content: string): Reply {
  const nonce = randomBytes(16).toString('base64');
  return htmlReply(status, pageFrame(title, nonce, content), htmlPageHeaders(nonce));
}
