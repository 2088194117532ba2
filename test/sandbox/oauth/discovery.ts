/**
 * Authorization server metadata (RFC 8414) and its OpenID Connect Discovery twin, as a real server
 * serves them: the issuer is this server's URL as the client reached it (plus `issuerPath`), and
 * every endpoint is absolute. Options play the servers a client must survive: no document, only one
 * of the two, a malformed one, one naming another issuer, a slow one.
 */
import type { RequestContext, Route, SandboxState } from '../context';
import { apiErrorReply, jsonReply } from '../http/reply';
import type { LiveOptions } from '../options';
import { DEVICE_GRANT_TYPE } from './deviceCodes';
import { KNOWN_SCOPES } from './scopes';

export const OAUTH_METADATA_PATH = '/.well-known/oauth-authorization-server';
export const OPENID_METADATA_PATH = '/.well-known/openid-configuration';

type Document = 'oauth' | 'openid';

export const discoveryRoutes: Route[] = [
  metadataRoute(OAUTH_METADATA_PATH, 'oauth', 'root'),
  metadataRoute(`${OAUTH_METADATA_PATH}/{issuerPath}`, 'oauth', 'inserted'),
  metadataRoute(OPENID_METADATA_PATH, 'openid', 'root'),
  metadataRoute(`${OPENID_METADATA_PATH}/{issuerPath}`, 'openid', 'inserted'),
  // OpenID Connect Discovery §4 appends the well-known path to the issuer; RFC 8414 §5 inserts it. Both are served.
  metadataRoute(`/{issuerPath}${OPENID_METADATA_PATH}`, 'openid', 'appended'),
];

function metadataRoute(template: string, document: Document, form: 'root' | 'inserted' | 'appended'): Route {
  return {
    method: 'GET',
    template,
    family: 'other',
    delayMs: (state) => state.options.discoveryDelayMs,
    handler: (request, state) => {
      const options = state.options;
      const requestedPath = form === 'root' ? '' : `/${request.pathParams.issuerPath}`;
      if (!serves(options, document) || requestedPath !== options.issuerPath) return apiErrorReply(404, 'not_found', `no route GET ${request.path}`);
      if (options.discoveryMalformed) return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"issuer": "http://' };
      return jsonReply(200, metadata(request, state, document), { 'Cache-Control': 'max-age=300' });
    },
  };
}

function serves(options: LiveOptions, document: Document): boolean {
  return options.discovery === 'both' || options.discovery === document;
}

/** This server's own issuer identifier as the client reached it: what RFC 8414 §3.3 has the client compare. */
export function ownIssuer(request: RequestContext, state: SandboxState): string {
  return `${ownOrigin(request)}${state.options.issuerPath}`;
}

export function ownOrigin(request: RequestContext): string {
  return `http://${request.headers.host ?? '127.0.0.1'}`;
}

function metadata(request: RequestContext, state: SandboxState, document: Document): Record<string, unknown> {
  const origin = ownOrigin(request);
  const { options } = state;
  const authMethods = options.clientAuthentication === 'basic' ? ['client_secret_basic'] : options.clientAuthentication === 'body' ? ['client_secret_post'] : ['client_secret_basic', 'client_secret_post'];
  const body: Record<string, unknown> = {
    issuer: options.discoveryIssuer ?? ownIssuer(request, state),
    authorization_endpoint: `${origin}/oauth/authorize`,
    token_endpoint: `${origin}/oauth/token`,
    revocation_endpoint: `${origin}/oauth/revoke`,
    ...(options.deviceGrant ? { device_authorization_endpoint: `${origin}/oauth/device_authorization` } : {}),
    scopes_supported: [...KNOWN_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', ...(options.deviceGrant ? [DEVICE_GRANT_TYPE] : [])],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_methods_supported: authMethods,
    // RFC 9207 §3: a client that sees true must insist on iss in every callback.
    authorization_response_iss_parameter_supported: options.issuer !== false,
  };
  if (document === 'openid') body.subject_types_supported = ['public'];
  return body;
}

