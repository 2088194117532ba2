import * as l10n from '@vscode/l10n';
import { userFacingError, type BoomTownError } from '../shared/errors';
import { withoutTrailingSlashes } from '../shared/trailingSlashes';

/**
 * What the user typed into "Send Request…", reduced to a path + query under the API base, or a
 * 'badInput' error saying why not. The bearer token goes with the request, so the request must
 * never leave the configured API: no other hosts, no climbing out with `..`, only the /v1 API.
 */
export function validateRawPath(input: string, apiUrl: string): string {
  const text = input.trim();
  if (text === '') throw badInput(l10n.t('Enter a path such as /v1/leads?limit=5.'));
  if (/[\u0000-\u001f\u007f]/.test(text)) throw badInput(l10n.t('The path contains control characters.'));
  if (text.includes('\\')) throw badInput(l10n.t('Use "/" in paths, not "\\".'));
  if (text.includes('#')) throw badInput(l10n.t('Remove the "#…" part: fragments are never sent to a server.'));

  const base = new URL(apiUrl);
  const basePath = withoutTrailingSlashes(base.pathname);
  let relative: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
    let absolute: URL;
    try {
      absolute = new URL(text);
    } catch {
      throw badInput(l10n.t('That is not a valid URL.'));
    }
    if (absolute.origin !== base.origin) throw badInput(l10n.t('Only requests to {0} are allowed.'), base.origin);
    if (absolute.username || absolute.password) throw badInput(l10n.t('URLs with credentials are not allowed.'));
    const rawPath = pathPartOf(text.replace(/^([a-z][a-z0-9+.-]*:)?\/\/[^/?]*/i, ''));
    assertNoDotSegments(rawPath);
    if (!absolute.pathname.startsWith(`${basePath}/`)) throw badInput(l10n.t('Only paths under {0} are allowed.'), `${base.origin}${basePath || '/'}`);
    relative = absolute.pathname.slice(basePath.length) + absolute.search;
  } else {
    relative = text.startsWith('/') ? text : `/${text}`;
    assertNoDotSegments(pathPartOf(relative));
  }

  const resolved = new URL(basePath + relative, base.origin);
  const path = resolved.pathname.slice(basePath.length);
  if (resolved.origin !== base.origin || !(path === '/v1' || path.startsWith('/v1/'))) {
    throw badInput(l10n.t('Only API paths starting with /v1/ are allowed, for example /v1/leads.'));
  }
  return path + resolved.search;
}

function pathPartOf(text: string): string {
  const query = text.indexOf('?');
  return query === -1 ? text : text.slice(0, query);
}

/**
 * The path of a URL as written (before any URL parsing, which resolves and so hides the `..`) may
 * not climb: no `.` or `..` segment, encoded (`%2e%2e`, `%2E.`) or not, nor followed by `;…` (which
 * some servers drop before resolving), no encoded slash and no backslash (which URL parsing and
 * many servers read as a slash). A 'badInput' error says which rule the path broke. Every path that
 * gets a session (Send Request…, request files, the chat tools, BoomTownApi.getRaw) is checked here.
 */
export function assertNoDotSegments(path: string): void {
  if (path.includes('\\')) throw badInput(l10n.t('Use "/" in paths, not "\\".'));
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw badInput(l10n.t('The path has a broken %-escape.'));
    }
    const beforeParameters = decoded.split(';')[0];
    if (beforeParameters === '.' || beforeParameters === '..' || decoded.includes('/') || decoded.includes('\\')) {
      throw badInput(l10n.t('Paths may not contain "." or ".." segments or encoded slashes.'));
    }
  }
}

/** The path part of a URL or path as written: after the scheme and authority, before `?` or `#`. */
export function writtenPathOf(target: string): string {
  const afterAuthority = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i, '');
  const end = afterAuthority.search(/[?#]/);
  return end === -1 ? afterAuthority : afterAuthority.slice(0, end);
}

function badInput(text: string, ...args: string[]): BoomTownError {
  return userFacingError('badInput', text, args);
}
