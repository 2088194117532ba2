import * as l10n from '@vscode/l10n';
import { userFacingError } from '../../shared/errors';
import { withoutTrailingSlashes } from '../../shared/trailingSlashes';
import type { RequestBlock, RequestFile } from './requestFileTypes';
import { resolveVariables, tryResolveVariables } from './variables';
import { assertNoDotSegments, writtenPathOf } from '../../api/rawPath';

/** A request ready for the API client: absolute URL under the configured API, variables resolved. */
export interface BuiltRequest {
  method: string;
  url: string;
  /** In file order, names as written; no Authorization unless the request set its own. */
  headers: Array<[name: string, value: string]>;
  body?: string;
  name?: string;
  account?: string;
  /** The request sets its own Authorization header: the session's token is not added. */
  ownAuthorization: boolean;
}

type Classification = { kind: 'boomtown'; url: string } | { kind: 'foreign'; target: string } | { kind: 'unresolved'; target: string };

export const API_URL_VARIABLE = 'boomtown.apiUrl';

/**
 * Whether a request is BoomTown's: its URL is under the configured API (origin and base path), or
 * it is a path starting with /v1/, resolved against the API. Anything else is left to whichever
 * extension the user has for it; the token never goes anywhere but the API.
 */
export function classifyRequest(block: RequestBlock, file: RequestFile, apiUrl: string): Classification {
  const target = tryResolveVariables(block.target, file.variables, builtIns(apiUrl));
  if (target === undefined) return { kind: 'unresolved', target: block.target };
  const url = boomTownUrl(target, apiUrl);
  return url ? { kind: 'boomtown', url } : { kind: 'foreign', target };
}

/** Builds the request to send; a 'badInput' error says what in the file is wrong. */
export function buildRequest(block: RequestBlock, file: RequestFile, apiUrl: string): BuiltRequest {
  const resolve = (text: string) => resolveVariables(text, file.variables, builtIns(apiUrl));
  const target = resolve(block.target);
  const url = boomTownUrl(target, apiUrl);
  // A path that climbs out of the API (`/v1/../../admin`) would be sent with the session elsewhere: say why not.
  if (!url && leavesBasePath(target)) assertNoDotSegments(writtenPathOf(target));
  if (!url) throw userFacingError('badInput', l10n.t('This request goes to {0}, not to the BoomTown API ({1}); BoomTown leaves it to other tools.'), [target.slice(0, 200), apiUrl]);
  const headers = block.headers
    .filter((header) => !DROPPED_HEADERS.has(header.name.toLowerCase()))
    .map((header): [string, string] => [header.name, resolve(header.value)]);
  let body = block.body === undefined ? undefined : resolve(block.body);
  const method = block.method ?? 'GET';
  if (method === 'HEAD') body = undefined;
  if (body !== undefined && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', contentTypeFor(body)]);
  if (body !== undefined && isForm(headers)) body = joinFormLines(body);
  return {
    method,
    url,
    headers,
    body,
    name: block.name,
    account: block.account,
    ownAuthorization: hasHeader(headers, 'authorization'),
  };
}

/** The transport computes these; a stale written value would corrupt the request. */
const DROPPED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

function builtIns(apiUrl: string): Record<string, string> {
  return { [API_URL_VARIABLE]: withoutTrailingSlashes(apiUrl) };
}

/**
 * The absolute URL when `target` is BoomTown's, else undefined. The path is judged as written:
 * URL parsing resolves `..` (and `%2e%2e`), so `/v1/../../admin` would otherwise pass as under the API.
 */
export function boomTownUrl(target: string, apiUrl: string): string | undefined {
  if (leavesBasePath(target)) return undefined;
  const base = new URL(apiUrl);
  const basePath = withoutTrailingSlashes(base.pathname);
  if (target === '/v1' || target.startsWith('/v1/') || target.startsWith('/v1?')) {
    return parsed(`${base.origin}${basePath}${target}`);
  }
  if (!/^https?:\/\//i.test(target)) return undefined;
  const absolute = parsed(target);
  if (!absolute) return undefined;
  const url = new URL(absolute);
  if (url.origin !== base.origin || url.username || url.password) return undefined;
  if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return undefined;
  return absolute;
}

function leavesBasePath(target: string): boolean {
  try {
    assertNoDotSegments(writtenPathOf(target));
    return false;
  } catch {
    return true;
  }
}

function parsed(text: string): string | undefined {
  try {
    return new URL(text).toString();
  } catch {
    return undefined;
  }
}

function hasHeader(headers: Array<[string, string]>, name: string): boolean {
  return headers.some(([written]) => written.toLowerCase() === name);
}

/** JSON when it looks like JSON, a form when it looks like `a=1&b=2`, else plain text. */
function contentTypeFor(body: string): string {
  const trimmed = body.trim();
  if (/^[[{]/.test(trimmed)) return 'application/json';
  if (/^[\w.%+\-[\]]+=[^\s&]*(\s*&[\w.%+\-[\]]+=[^\s&]*)*$/.test(trimmed)) return 'application/x-www-form-urlencoded';
  return 'text/plain; charset=utf-8';
}

function isForm(headers: Array<[string, string]>): boolean {
  return headers.some(([name, value]) => name.toLowerCase() === 'content-type' && /application\/x-www-form-urlencoded/i.test(value));
}

/** Form bodies may be written one field per line (`&b=2` continuing); the wire form has no line breaks. */
function joinFormLines(body: string): string {
  return body
    .split('\n')
    .map((line) => line.trim())
    .join('');
}
