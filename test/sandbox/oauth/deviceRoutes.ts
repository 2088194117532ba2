/**
 * RFC 8628 device authorization grant: POST /oauth/device_authorization, the user-code pages, and
 * the token endpoint's answer to a device code poll (pollDeviceCode, called by tokenRoutes).
 */
import type { RequestContext, Route, SandboxState } from '../context';
import { parseParams, repeatedParams } from '../http/body';
import { apiErrorReply, jsonReply, NO_STORE, oauthErrorReply, type Reply } from '../http/reply';
import type { SandboxClient } from '../types';
import { findUser } from './authorizeRoutes';
import { authenticateClient } from './clientAuth';
import { errorPageReply } from './consentPage';
import { approveCodePageReply, decidedPageReply, DEVICE_DECISION_PATH, DEVICE_PAGE_PATH, enterCodePageReply } from './devicePage';
import { ownOrigin } from './discovery';
import { grantsRefreshToken, parseScope } from './scopes';
import { tokenResponse } from './tokenResponse';

export const DEVICE_AUTHORIZATION_PATH = '/oauth/device_authorization';

export const deviceRoutes: Route[] = [
  {
    method: 'POST',
    template: DEVICE_AUTHORIZATION_PATH,
    family: 'token',
    handler: (request, state) => {
      if (!state.options.deviceGrant) return switchedOff(request);
      const parsed = parseParams(request.headers['content-type'], request.body);
      if (!parsed.ok) return oauthErrorReply(400, 'invalid_request', parsed.description);
      const repeated = repeatedParams(parsed.params);
      if (repeated.length) return oauthErrorReply(400, 'invalid_request', `parameters sent more than once: ${repeated.join(', ')}`);
      const auth = authenticateClient(request.headers.authorization, parsed.params, state.clients, state.options.clientAuthentication);
      if (!auth.ok) return auth.reply;
      const scope = parseScope(parsed.params.get('scope') ?? undefined);
      if (!scope.ok) return oauthErrorReply(400, 'invalid_scope', scope.description);
      const record = state.devices.issue(auth.client.clientId, scope.scopes, state.options.deviceCodeTtlSeconds, state.options.deviceIntervalSeconds);
      const verificationUri = `${ownOrigin(request)}${DEVICE_PAGE_PATH}`;
      return jsonReply(
        200,
        {
          device_code: record.deviceCode,
          user_code: record.userCode,
          verification_uri: verificationUri,
          verification_uri_complete: `${verificationUri}?${new URLSearchParams({ user_code: record.userCode }).toString()}`,
          expires_in: Math.round(state.options.deviceCodeTtlSeconds),
          interval: state.options.deviceIntervalSeconds,
        },
        { ...NO_STORE },
      );
    },
  },
  {
    method: 'GET',
    template: DEVICE_PAGE_PATH,
    family: 'authorize',
    handler: (request, state) => {
      if (!state.options.deviceGrant) return switchedOff(request);
      const typed = request.query.get('user_code');
      if (typed === null) return enterCodePageReply();
      const record = state.devices.findByUserCode(typed);
      if (!record || record.status !== 'pending' || state.devices.isExpired(record)) {
        return enterCodePageReply('That code is not valid or has expired. Check the code the application shows, or start the sign-in again there.');
      }
      const client = state.clients.find((candidate) => candidate.clientId === record.clientId) as SandboxClient;
      const autoApprove = state.options.autoApprove;
      if (autoApprove !== false) {
        const user = typeof autoApprove === 'string' ? findUser(state.dataset.users, autoApprove) : state.dataset.users[0];
        if (!user) return errorPageReply('Sandbox misconfigured', 'autoApprove names a user that does not exist.', 500);
        record.status = 'approved';
        record.userId = user.id;
        return decidedPageReply(true);
      }
      return approveCodePageReply(record, client, state.dataset.users);
    },
  },
  {
    method: 'POST',
    template: DEVICE_DECISION_PATH,
    family: 'authorize',
    handler: (request, state) => {
      if (!state.options.deviceGrant) return switchedOff(request);
      const parsed = parseParams(request.headers['content-type'], request.body);
      if (!parsed.ok) return errorPageReply('Invalid request', parsed.description);
      const record = state.devices.findByUserCode(parsed.params.get('user_code') ?? '');
      if (!record || record.status !== 'pending' || state.devices.isExpired(record)) {
        return errorPageReply('Code expired', 'This code expired or was already answered. Start the sign-in again from the application.');
      }
      const decision = parsed.params.get('decision');
      if (decision === 'deny') {
        record.status = 'denied';
        return decidedPageReply(false);
      }
      if (decision !== 'approve') return errorPageReply('Invalid request', 'Choose Approve or Deny.');
      const user = state.dataset.users.find((candidate) => candidate.id === parsed.params.get('user'));
      if (!user) return errorPageReply('Invalid request', 'Choose an account to continue as.');
      record.status = 'approved';
      record.userId = user.id;
      return decidedPageReply(true);
    },
  },
];

/**
 * The token endpoint's answer to a device code (RFC 8628 §3.5). A poll sooner than the interval
 * while the user has not decided is slow_down, and the interval grows by 5 s; every poll is counted.
 */
export function pollDeviceCode(params: URLSearchParams, client: SandboxClient, state: SandboxState): Reply {
  const deviceCode = params.get('device_code');
  if (!deviceCode) return oauthErrorReply(400, 'invalid_request', 'device_code is missing');
  const record = state.devices.findByDeviceCode(deviceCode);
  if (!record) return oauthErrorReply(400, 'invalid_grant', 'the device code is unknown');
  if (record.clientId !== client.clientId) return oauthErrorReply(400, 'invalid_grant', 'the device code was issued to another client');
  const { tooSoon } = state.devices.recordPoll(record);
  if (record.status === 'redeemed') return oauthErrorReply(400, 'invalid_grant', 'the device code was already used');
  if (state.devices.isExpired(record)) return oauthErrorReply(400, 'expired_token', 'the device code expired; start again');
  if (record.status === 'denied') return oauthErrorReply(400, 'access_denied', 'the user denied access');
  if (record.status === 'pending') {
    if (!tooSoon) return oauthErrorReply(400, 'authorization_pending', 'the user has not answered yet');
    state.devices.slowDown(record);
    return oauthErrorReply(400, 'slow_down', `polled sooner than the interval; poll every ${record.intervalMs / 1000} s`);
  }
  record.status = 'redeemed';
  const grant = state.grants.createGrant(record.clientId, record.userId as string, record.scopes);
  return tokenResponse(state, grant, grant.scopes, grantsRefreshToken(grant.scopes));
}

/** With the device grant off, its routes do not exist, as on a server without it. */
function switchedOff(request: RequestContext): Reply {
  return apiErrorReply(404, 'not_found', `no route ${request.method} ${request.path}`);
}
