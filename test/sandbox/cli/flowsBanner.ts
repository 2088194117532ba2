/**
 * What `npm run sandbox` prints about sign-in: which flows this server offers and which redirect
 * URIs it accepts, from the options it was started with. Pure, so it is tested without a server.
 */
import { CODE_SERVER_CALLBACK_DESCRIPTION, exactLoopbackRedirectUri, REDIRECT_KIND_DESCRIPTIONS, redirectKindOf } from '../oauth/clients';
import { OAUTH_METADATA_PATH, OPENID_METADATA_PATH } from '../oauth/discovery';
import type { LiveOptions } from '../options';
import type { SandboxClient } from '../types';

export function flowsBanner(url: string, client: SandboxClient, options: LiveOptions): string[] {
  const refused = new Set(options.refuseRedirectKinds);
  const lines: string[] = ['  sign-in flows:'];

  const redirects: string[] = [];
  for (const uri of client.redirectUris) {
    const kind = redirectKindOf(uri);
    if (refused.has(kind)) continue;
    if (kind === 'loopback') {
      redirects.push(options.exactLoopbackPort === null ? `${uri}   (any port, RFC 8252)` : `${exactLoopbackRedirectUri(options.exactLoopbackPort)}   (this port only: compared exactly)`);
    } else redirects.push(uri);
  }
  if (client.redirectUriPatterns?.length) {
    const kinds = (['workbench', 'https'] as const).filter((kind) => !refused.has(kind));
    if (kinds.length === 2) redirects.push(CODE_SERVER_CALLBACK_DESCRIPTION);
    else if (kinds.length === 1) redirects.push(kinds[0] === 'https' ? 'https://<host>[:port]/…/callback (no vscode-… query)' : 'code-server callbacks (…/callback?vscode-…)');
  }
  lines.push(`    authorization code + PKCE (S256) at ${url}/oauth/authorize, redirect URIs accepted:`);
  if (redirects.length === 0) lines.push('      (none: every kind is refused)');
  for (const redirect of redirects) lines.push(`      ${redirect}`);
  for (const kind of refused) lines.push(`      refused: ${REDIRECT_KIND_DESCRIPTIONS[kind]}`);

  lines.push(
    options.deviceGrant
      ? `    device code (RFC 8628) at ${url}/oauth/device_authorization, user codes entered at ${url}/oauth/device (interval ${options.deviceIntervalSeconds} s)`
      : '    device code: off',
  );
  lines.push(`    discovery: ${discoveryLine(url, options)}`);
  return lines;
}

function discoveryLine(url: string, options: LiveOptions): string {
  if (options.discovery === 'none') return 'none (404)';
  const paths = [options.discovery !== 'openid' ? OAUTH_METADATA_PATH : undefined, options.discovery !== 'oauth' ? OPENID_METADATA_PATH : undefined].filter(Boolean);
  const shape = [options.discoveryMalformed ? 'malformed' : undefined, options.discoveryIssuer !== null ? `naming issuer ${options.discoveryIssuer}` : undefined, options.discoveryDelayMs > 0 ? `${options.discoveryDelayMs} ms late` : undefined].filter(Boolean);
  return `${paths.map((path) => `${url}${path}${options.issuerPath}`).join(', ')}${shape.length ? ` (${shape.join(', ')})` : ''}`;
}
