import * as l10n from '@vscode/l10n';
import { userFacingError } from '../shared/errors';
import { withoutTrailingSlashes } from '../shared/trailingSlashes';

/**
 * Where a session's access token may go: URLs on its API's origin, under its base path. Checked on
 * the URL as it will be sent (dot segments already resolved by the URL parser).
 */
function isUnderBase(url: URL, apiUrl: string): boolean {
  const base = new URL(apiUrl);
  if (url.origin !== base.origin || url.username || url.password) return false;
  const basePath = withoutTrailingSlashes(base.pathname);
  return !basePath || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
}

/** A path (and query) under a session's API; refused, before anything is sent, when it would leave it. */
export function sessionUrl(apiUrl: string, pathAndQuery: string): URL {
  const url = new URL(withoutTrailingSlashes(apiUrl) + pathAndQuery);
  refuseOutside(url, apiUrl);
  return url;
}

/** The session's token never goes to another server (or outside its API's base path) than the one that issued it. */
export function refuseOutside(url: URL, apiUrl: string): void {
  if (!isUnderBase(url, apiUrl)) throw userFacingError('badInput', l10n.t('Only requests to {0} carry the BoomTown session.'), [apiUrl]);
}
