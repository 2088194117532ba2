import * as l10n from '@vscode/l10n';
import { type Sleep, throwIfCancelled, timerSleep } from '../../shared/cancellation';
import { BoomTownError, isBoomTownError, userFacingError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { Redactor } from '../../shared/redact';
import { formBody, type HttpDispatcher, send } from '../../shared/transport/httpRequest';
import { callbackError } from '../callback';
import { authorizeScopes } from '../scopes';
import { classifyTokenError, type ClientCredentials, clientAuthentication, type TokenEndpoint } from '../tokenEndpoint';
import { parseJsonObject, type TokenSet } from '../tokens';
import { httpUrl } from './discovery';

/** What the user is shown: the code to type, and where (RFC 8628 §3.3). */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** The page with the code filled in, when the server gives one (opened instead of verificationUri). */
  verificationUriComplete?: string;
  expiresInSeconds: number;
}

interface DeviceAuthorization extends DeviceCodePrompt {
  deviceCode: string;
  intervalSeconds: number;
}

export interface DeviceCodeDeps {
  dispatcher: HttpDispatcher;
  tokenEndpoint: TokenEndpoint;
  logger: Logger;
  redactor?: Redactor;
  timeoutMs: number;
  /** How the poll waits (cancellable); a test passes a faster one. */
  sleep?: Sleep;
  /** One second of the server's `interval` and `expires_in`, in ms: 1000, or less in tests. */
  secondMs?: number;
  now?: () => number;
}

export interface DeviceCodeRequest {
  authUrl: string;
  deviceAuthorizationEndpoint: string;
  credentials: ClientCredentials;
  scopes: readonly string[];
  /** Shows the user code (and its "Copy & Open"); called once, before the first poll. */
  show: (prompt: DeviceCodePrompt) => void;
  cancellation?: AbortSignal;
}

/** RFC 8628 §3.5: without an `interval`, clients wait 5 seconds; each `slow_down` adds 5 more. */
const DEFAULT_INTERVAL_SECONDS = 5;
const SLOW_DOWN_SECONDS = 5;

/**
 * The device authorization grant (RFC 8628): ask for a user code, show it, then poll the token
 * endpoint at the server's interval until the user approves, denies, or the code expires. The
 * device code and the user code are secrets of this sign-in: added to the redactor, never logged.
 * Cancelling ends the wait at once, at any poll.
 */
export async function deviceCodeSignIn(deps: DeviceCodeDeps, request: DeviceCodeRequest): Promise<TokenSet> {
  const secondMs = deps.secondMs ?? 1000;
  const sleep = deps.sleep ?? timerSleep;
  const now = deps.now ?? Date.now;
  const authorization = await requestDeviceCode(deps, request);
  deps.redactor?.add(authorization.deviceCode, authorization.userCode);
  if (authorization.verificationUriComplete) deps.redactor?.add(authorization.verificationUriComplete);
  const expiresAt = now() + authorization.expiresInSeconds * secondMs;
  request.show({
    userCode: authorization.userCode,
    verificationUri: authorization.verificationUri,
    verificationUriComplete: authorization.verificationUriComplete,
    expiresInSeconds: authorization.expiresInSeconds,
  });
  deps.logger.info(`Waiting for the device code to be approved (polling every ${authorization.intervalSeconds} s).`);
  let intervalSeconds = authorization.intervalSeconds;
  for (;;) {
    await sleep(intervalSeconds * secondMs, request.cancellation);
    throwIfCancelled(request.cancellation);
    if (now() >= expiresAt) throw expired();
    try {
      return await deps.tokenEndpoint.pollDeviceCode({
        authUrl: request.authUrl,
        deviceCode: authorization.deviceCode,
        credentials: request.credentials,
        requestedScopes: request.scopes,
        cancellation: request.cancellation,
      });
    } catch (error) {
      const code = isBoomTownError(error) ? error.serverCode : undefined;
      if (code === 'authorization_pending') continue;
      if (code === 'slow_down') {
        intervalSeconds += SLOW_DOWN_SECONDS;
        deps.logger.debug(`The sign-in server asked to poll more slowly (every ${intervalSeconds} s).`);
        continue;
      }
      if (code === 'access_denied') throw callbackError('access_denied', undefined);
      if (code === 'expired_token') throw expired();
      throw error;
    }
  }
}

function expired(): BoomTownError {
  return userFacingError('timeout', l10n.t('The device code expired before it was approved. Start the sign-in again.'), [], { serverCode: 'expired_token' });
}

async function requestDeviceCode(deps: DeviceCodeDeps, request: DeviceCodeRequest): Promise<DeviceAuthorization> {
  const client = clientAuthentication(request.credentials);
  const answer = await send({
    dispatcher: deps.dispatcher,
    method: 'POST',
    url: request.deviceAuthorizationEndpoint,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...client.headers },
    body: formBody({ client_id: request.credentials.clientId, scope: authorizeScopes(request.scopes).join(' '), ...client.fields }),
    timeoutMs: deps.timeoutMs,
    cancellation: request.cancellation,
    what: 'device authorization request',
  });
  if (answer.status < 200 || answer.status >= 300) throw classifyTokenError(answer.status, answer.text);
  const body = parseJsonObject(answer.text);
  const text = (name: string) => (typeof body?.[name] === 'string' && body[name] !== '' ? (body[name] as string) : undefined);
  const seconds = (name: string) => (typeof body?.[name] === 'number' && Number.isFinite(body[name]) && (body[name] as number) > 0 ? (body[name] as number) : undefined);
  const deviceCode = text('device_code');
  const userCode = text('user_code');
  const verificationUri = httpUrl(text('verification_uri'));
  const expiresInSeconds = seconds('expires_in');
  if (!deviceCode || !userCode || !verificationUri || !expiresInSeconds) {
    throw new BoomTownError('malformedResponse', 'The sign-in server\'s device authorization answer lacks device_code, user_code, verification_uri or expires_in.');
  }
  return {
    deviceCode,
    userCode,
    verificationUri,
    verificationUriComplete: httpUrl(text('verification_uri_complete')),
    expiresInSeconds,
    intervalSeconds: seconds('interval') ?? DEFAULT_INTERVAL_SECONDS,
  };
}
