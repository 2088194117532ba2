import * as l10n from '@vscode/l10n';
import { raceCancellation } from '../../shared/cancellation';
import { isBoomTownError, userFacingError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { withoutTrailingSlashes } from '../../shared/trailingSlashes';
import { type HttpDispatcher, send } from '../../shared/transport/httpRequest';
import { parseJsonObject } from '../tokens';

/** The endpoints a sign-in uses; each either read from the server's metadata or the contract's fixed path. */
export interface ServerEndpoints {
  authorization: string;
  token: string;
  revocation: string;
  /** RFC 8628; only a server that advertises it has one (the contract names none). */
  deviceAuthorization?: string;
}

export type EndpointName = keyof ServerEndpoints;

/** What one authorization server told us about itself (RFC 8414), or the contract's paths when it told us nothing. */
export interface ServerMetadata {
  authUrl: string;
  endpoints: ServerEndpoints;
  /** The endpoints that came from the document (the others are the fixed paths). */
  discovered: readonly EndpointName[];
  /** The document's issuer (equal to authUrl, checked); undefined without a document. */
  issuer?: string;
  /** `code_challenge_methods_supported`, when the document lists it. */
  codeChallengeMethods?: readonly string[];
  /** The URL of the document read, or why none was used (for Diagnose Sign-in). */
  source: { document: string } | { fallback: 'notFound' | 'timeout' | 'unreachable' | 'malformed' };
}

/** The contract's paths (../shared/boomtown-api.md): what every server without a document gets. */
export function fixedEndpoints(authUrl: string): ServerMetadata['endpoints'] {
  const base = withoutTrailingSlashes(authUrl);
  return { authorization: `${base}/oauth/authorize`, token: `${base}/oauth/token`, revocation: `${base}/oauth/revoke` };
}

/**
 * Where the metadata may be, in order: RFC 8414's document, then OpenID Connect Discovery's. When
 * authUrl has a path, RFC 8414 §3.1 inserts the well-known segment before it; OIDC Discovery §4
 * appends it, and many servers also answer the inserted form, so both are tried.
 */
export function wellKnownUrls(authUrl: string): string[] {
  const url = new URL(withoutTrailingSlashes(authUrl));
  const path = url.pathname === '/' ? '' : withoutTrailingSlashes(url.pathname);
  const at = (suffix: string) => `${url.origin}${suffix}`;
  if (!path) return [at('/.well-known/oauth-authorization-server'), at('/.well-known/openid-configuration')];
  return [at(`/.well-known/oauth-authorization-server${path}`), at(`/.well-known/openid-configuration${path}`), at(`${path}/.well-known/openid-configuration`)];
}

interface DiscoveryDeps {
  dispatcher: HttpDispatcher;
  logger: Logger;
  /** For all documents together: a slow server costs the sign-in this much, then the fixed paths are used. */
  timeoutMs: number;
}

/**
 * Reads an authorization server's metadata. Never fails for a server without a usable document
 * (none, 404, a timeout, malformed JSON): the contract's fixed paths are used, silently. A document
 * whose issuer is not the server it was read from is not used (RFC 8414 §3.3: its endpoints could
 * send the code and the client secret elsewhere) and the next candidate is read; when no candidate
 * is usable and one was refused so, that refusal is the answer. Fails otherwise only when the
 * sign-in is cancelled.
 */
export async function discoverServer(deps: DiscoveryDeps, authUrl: string, cancellation?: AbortSignal): Promise<ServerMetadata> {
  const fallback = (why: 'notFound' | 'timeout' | 'unreachable' | 'malformed'): ServerMetadata => {
    deps.logger.debug(`No usable server metadata at ${authUrl} (${why}); using the fixed endpoint paths.`);
    return { authUrl, endpoints: fixedEndpoints(authUrl), discovered: [], source: { fallback: why } };
  };
  const deadline = Date.now() + deps.timeoutMs;
  let why: 'notFound' | 'malformed' | 'unreachable' = 'notFound';
  let refused: unknown;
  const noDocument = (reason: 'notFound' | 'timeout' | 'unreachable' | 'malformed'): ServerMetadata => {
    if (refused) throw refused;
    return fallback(reason);
  };
  for (const documentUrl of wellKnownUrls(authUrl)) {
    const timeoutMs = deadline - Date.now();
    if (timeoutMs <= 0) return noDocument('timeout');
    let text: string;
    try {
      const answer = await send({ dispatcher: deps.dispatcher, method: 'GET', url: documentUrl, headers: { accept: 'application/json' }, timeoutMs, cancellation, what: 'server metadata request', maxBodyBytes: 256 * 1024 });
      if (answer.status < 200 || answer.status >= 300) continue;
      text = answer.text;
    } catch (error) {
      if (isBoomTownError(error, 'cancelled')) throw error;
      if (isBoomTownError(error, 'timeout')) return noDocument('timeout');
      why = 'unreachable';
      continue;
    }
    const document = parseJsonObject(text);
    if (!document || typeof document.issuer !== 'string') {
      why = 'malformed';
      continue;
    }
    try {
      return fromDocument(authUrl, documentUrl, document, deps.logger);
    } catch (error) {
      refused ??= error;
    }
  }
  return noDocument(why);
}

function fromDocument(authUrl: string, documentUrl: string, document: Record<string, unknown>, logger: Logger): ServerMetadata {
  const issuer = document.issuer as string;
  if (withoutTrailingSlashes(issuer) !== withoutTrailingSlashes(authUrl)) {
    logger.warn(`The server metadata at ${documentUrl} names another issuer (${issuer}); refused.`);
    throw userFacingError(
      'badInput',
      l10n.t('The sign-in server\'s metadata ({0}) names the issuer "{1}", not "{2}" where it was read, so its endpoints are not used (RFC 8414). Check "boomtown.authUrl".'),
      [documentUrl, issuer.slice(0, 200), authUrl],
    );
  }
  const fixed = fixedEndpoints(authUrl);
  const discovered: EndpointName[] = [];
  const pick = (name: EndpointName, field: string): string | undefined => {
    const value = httpUrl(document[field]);
    // The code, the verifier, the client secret and refresh tokens never go over plain http to a server reached over https.
    if (value && new URL(value).protocol === 'http:' && new URL(authUrl).protocol === 'https:') {
      logger.warn(`The server metadata at ${documentUrl} names a plain http ${name} endpoint; the fixed path is used instead.`);
      return undefined;
    }
    if (value) discovered.push(name);
    return value;
  };
  const endpoints: ServerEndpoints = {
    authorization: pick('authorization', 'authorization_endpoint') ?? fixed.authorization,
    token: pick('token', 'token_endpoint') ?? fixed.token,
    revocation: pick('revocation', 'revocation_endpoint') ?? fixed.revocation,
    deviceAuthorization: pick('deviceAuthorization', 'device_authorization_endpoint'),
  };
  const methods = document.code_challenge_methods_supported;
  const codeChallengeMethods = Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : undefined;
  logger.info(`Read the sign-in server's metadata from ${documentUrl} (${discovered.join(', ') || 'no endpoints'}).`);
  return { authUrl, endpoints, discovered, issuer, codeChallengeMethods, source: { document: documentUrl } };
}

/** An http(s) URL a server named, or undefined: an endpoint, or a page opened for the user, is never another scheme. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** PKCE with S256 is how every redirect flow binds its code (RFC 7636); a server listing methods without it cannot be used. */
export function checkPkceSupport(metadata: ServerMetadata): void {
  if (metadata.codeChallengeMethods && !metadata.codeChallengeMethods.includes('S256')) {
    throw userFacingError('badInput', l10n.t('The sign-in server does not offer PKCE with S256 (it lists: {0}), which the sign-in requires.'), [metadata.codeChallengeMethods.join(', ') || 'none']);
  }
}

/**
 * One window's metadata per server: read on the window's first sign-in, refresh or sign-out at that
 * server (never at activation), kept for the later ones, read again after the server settings change.
 * A refused document is not kept, so the next sign-in reads it again.
 */
export class ServerDiscovery {
  private readonly read = new Map<string, Promise<ServerMetadata>>();

  constructor(private readonly deps: DiscoveryDeps) {}

  metadata(authUrl: string, cancellation?: AbortSignal): Promise<ServerMetadata> {
    const key = withoutTrailingSlashes(authUrl);
    let pending = this.read.get(key);
    if (!pending) {
      // Not tied to one caller's cancel: a second sign-in waiting on the same read must not lose it.
      pending = discoverServer(this.deps, key);
      this.read.set(key, pending);
      // A refused document, and a server that did not answer in time (offline, a VPN not up yet), are
      // read again by the next sign-in, refresh or sign-out; an answer (even "none") is kept.
      const forgetIf = (metadata?: ServerMetadata) => {
        const fallback = metadata && 'fallback' in metadata.source ? metadata.source.fallback : undefined;
        if (!metadata || fallback === 'timeout' || fallback === 'unreachable') this.read.delete(key);
      };
      pending.then(forgetIf, () => forgetIf());
    }
    return raceCancellation(pending, cancellation);
  }

  /**
   * `boomtown.authUrl` changed: the next sign-in, refresh or sign-out reads the documents again (a
   * server's endpoints may have moved with the setting's change).
   */
  forget(): void {
    this.read.clear();
  }
}
