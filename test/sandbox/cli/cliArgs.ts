/** Command-line flags of `npm run sandbox` -> SandboxOptions. Pure, so it can be tested without starting anything. */
import { parseArgs } from 'node:util';
import { BoomTownError } from '../../../src/core/shared/errors';
import { REDIRECT_KINDS } from '../options';
import type { Faults, RedirectKind, SandboxOptions } from '../types';

export const CLI_USAGE = `Usage: npm run sandbox -- [flags]

A local BoomTown OAuth server and API (both on one URL).

Server and data
  --port <n>                 listen port (default 4711; 0 = any free port)
  --host <addr>              loopback address to bind (default 127.0.0.1; 127.0.0.2 works too)
  --leads <n>                number of leads (default 500)
  --seed <n>                 data seed (default 1)
  --users <n>                seeded users to choose from (default 3; user 3 has no email)
OAuth
  --access-ttl <s>           access token lifetime in seconds (default 3600)
  --code-ttl <s>             authorization code lifetime in seconds (default 600)
  --no-expires-in            leave expires_in out of token responses
  --no-rotation              do not rotate refresh tokens (refresh responses carry none)
  --no-reuse-detection       a reused refresh token is refused but does not revoke the session
  --auto-approve             skip the consent page (as the login_hint user, else the first user)
  --auto-approve-as <user>   skip the consent page as this user id or email
  --issuer                   callbacks carry iss (RFC 9207): this server's URL
  --issuer-as <url>          callbacks carry this iss instead (a mix-up: another server's issuer)
  --offline-access-needs-consent
                             OpenID Connect style: offline_access only with prompt=consent
  --client-auth <mode>       token endpoint accepts any (default) | basic | body client authentication
Discovery (RFC 8414 / OpenID Connect; both documents by default)
  --discovery <which>        both (default) | oauth | openid | none (404, as a server without it)
  --discovery-malformed      serve the documents as truncated JSON
  --discovery-issuer <url>   the documents name this issuer (not the URL they are read from)
  --discovery-delay <ms>     answer the documents this late
  --issuer-path <path>       the issuer has this path ('/tenant'): path-inserted documents
Device code (RFC 8628; on by default)
  --no-device-grant          no device authorization endpoint, grant type or discovery entry
  --device-interval <s>      polling interval the device authorization asks for (default 5)
  --device-code-ttl <s>      device code lifetime in seconds (default 600)
Redirect URIs
  --exact-loopback-port <n>  loopback redirects only as exactly http://127.0.0.1:<n>/callback
                             (default: any port, RFC 8252)
  --refuse-redirect <kinds>  refuse these kinds with the 400 page, comma-separated:
                             privateUse (vscode://…), workbench (code-server's callback),
                             loopback, https
API
  --max-limit <n>            largest page size the server grants (default 100)
  --no-total                 leave _metadata.total out of list responses
Faults (every Nth request in scope)
  --latency <ms>             delay before every answer
  --rate-limit <n>/<s>       allow n requests per s seconds, then 429
  --fail-every <n>           answer 503/500
  --drop-every <n>           close the connection without answering
  --malformed-every <n>      200 with a truncated JSON body
  --html-every <n>           200 with an HTML proxy error page
  --slow-body <ms>           spread every body over this long
  --expire-after <s>         access tokens die (401) after s seconds, whatever expires_in said
  --fault-scope <scope>      api (default) | token | all
Other
  --quiet                    do not log requests
  --help                     show this help
`;

export interface CliConfig {
  options: SandboxOptions;
  help: boolean;
  quiet: boolean;
}

export const DEFAULT_CLI_PORT = 4711;

export function parseCliArgs(argv: string[]): CliConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        leads: { type: 'string' },
        seed: { type: 'string' },
        users: { type: 'string' },
        'access-ttl': { type: 'string' },
        'code-ttl': { type: 'string' },
        'no-expires-in': { type: 'boolean' },
        'no-rotation': { type: 'boolean' },
        'no-reuse-detection': { type: 'boolean' },
        'auto-approve': { type: 'boolean' },
        'auto-approve-as': { type: 'string' },
        issuer: { type: 'boolean' },
        'issuer-as': { type: 'string' },
        'offline-access-needs-consent': { type: 'boolean' },
        'client-auth': { type: 'string' },
        discovery: { type: 'string' },
        'discovery-malformed': { type: 'boolean' },
        'discovery-issuer': { type: 'string' },
        'discovery-delay': { type: 'string' },
        'issuer-path': { type: 'string' },
        'no-device-grant': { type: 'boolean' },
        'device-interval': { type: 'string' },
        'device-code-ttl': { type: 'string' },
        'exact-loopback-port': { type: 'string' },
        'refuse-redirect': { type: 'string' },
        'max-limit': { type: 'string' },
        'no-total': { type: 'boolean' },
        latency: { type: 'string' },
        'rate-limit': { type: 'string' },
        'fail-every': { type: 'string' },
        'drop-every': { type: 'string' },
        'malformed-every': { type: 'string' },
        'html-every': { type: 'string' },
        'slow-body': { type: 'string' },
        'expire-after': { type: 'string' },
        'fault-scope': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BoomTownError('badInput', error instanceof Error ? error.message : String(error), { cause: error });
  }

  const number = (name: string): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new BoomTownError('badInput', `--${name} needs a number >= 0, got ${String(raw)}`);
    return parsed;
  };

  const options: SandboxOptions = { port: number('port') ?? DEFAULT_CLI_PORT, host: (values.host as string | undefined) ?? '127.0.0.1' };
  assign(options, 'leads', number('leads'));
  assign(options, 'seed', number('seed'));
  assign(options, 'users', number('users'));
  assign(options, 'accessTokenTtlSeconds', number('access-ttl'));
  assign(options, 'codeTtlSeconds', number('code-ttl'));
  assign(options, 'maxPageLimit', number('max-limit'));
  if (values['no-expires-in']) options.includeExpiresIn = false;
  if (values['no-rotation']) options.refreshTokenRotation = false;
  if (values['no-reuse-detection']) options.reuseDetection = false;
  if (values['no-total']) options.includeTotal = false;
  if (values['auto-approve']) options.autoApprove = true;
  if (typeof values['auto-approve-as'] === 'string') options.autoApprove = values['auto-approve-as'];
  if (values.issuer) options.issuer = true;
  if (typeof values['issuer-as'] === 'string') options.issuer = values['issuer-as'];
  if (values['offline-access-needs-consent']) options.offlineAccessNeedsConsent = true;
  if (typeof values['client-auth'] === 'string') {
    const mode = values['client-auth'];
    if (mode !== 'any' && mode !== 'basic' && mode !== 'body') throw new BoomTownError('badInput', `--client-auth must be any, basic or body, got ${mode}`);
    options.clientAuthentication = mode;
  }

  if (typeof values.discovery === 'string') {
    const which = values.discovery;
    if (which !== 'both' && which !== 'oauth' && which !== 'openid' && which !== 'none') throw new BoomTownError('badInput', `--discovery must be both, oauth, openid or none, got ${which}`);
    options.discovery = which;
  }
  if (values['discovery-malformed']) options.discoveryMalformed = true;
  if (typeof values['discovery-issuer'] === 'string') options.discoveryIssuer = values['discovery-issuer'];
  assign(options, 'discoveryDelayMs', number('discovery-delay'));
  if (typeof values['issuer-path'] === 'string') options.issuerPath = values['issuer-path'];
  if (values['no-device-grant']) options.deviceGrant = false;
  assign(options, 'deviceIntervalSeconds', number('device-interval'));
  assign(options, 'deviceCodeTtlSeconds', number('device-code-ttl'));
  assign(options, 'exactLoopbackPort', number('exact-loopback-port'));
  if (typeof values['refuse-redirect'] === 'string') {
    const kinds = values['refuse-redirect'].split(',').map((kind) => kind.trim()).filter(Boolean);
    const unknown = kinds.filter((kind) => !(REDIRECT_KINDS as readonly string[]).includes(kind));
    if (unknown.length) throw new BoomTownError('badInput', `--refuse-redirect takes ${REDIRECT_KINDS.join(', ')}, got ${unknown.join(', ')}`);
    options.refuseRedirectKinds = kinds as RedirectKind[];
  }

  const faults: Partial<Faults> = {};
  assign(faults, 'latencyMs', number('latency'));
  assign(faults, 'failEveryN', number('fail-every'));
  assign(faults, 'dropEveryN', number('drop-every'));
  assign(faults, 'malformedJsonEveryN', number('malformed-every'));
  assign(faults, 'htmlEveryN', number('html-every'));
  assign(faults, 'slowBodyMs', number('slow-body'));
  assign(faults, 'expireTokensAfterSeconds', number('expire-after'));
  if (typeof values['rate-limit'] === 'string') faults.rateLimit = parseRateLimit(values['rate-limit']);
  if (typeof values['fault-scope'] === 'string') {
    const scope = values['fault-scope'];
    if (scope !== 'api' && scope !== 'token' && scope !== 'all') throw new BoomTownError('badInput', `--fault-scope must be api, token or all, got ${scope}`);
    faults.scope = scope;
  }
  if (Object.keys(faults).length) options.faults = faults;

  return { options, help: values.help === true, quiet: values.quiet === true };
}

/** "10/1" -> 10 requests per 1 second. */
export function parseRateLimit(text: string): { limit: number; windowSeconds: number } {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) throw new BoomTownError('badInput', `--rate-limit must look like 10/1 (requests/seconds), got ${text}`);
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
