import { safeMessage } from '../shared/plainText';

/**
 * The "Diagnose Sign-in" report: facts gathered by the vscode layer in, markdown out, with the
 * likely fix named next to each problem. Pure, so every verdict is tested without VS Code.
 */
export interface HostProbe {
  url: string;
  ok: boolean;
  status?: number;
  ms?: number;
  error?: string;
  /** Server clock minus ours, from the Date header, in seconds. */
  clockSkewSeconds?: number;
}

/** Where a server setting's value came from; a workspace is never one of them. */
export type SettingSource = 'user' | 'remote machine' | 'environment' | 'default' | 'not set';

/** One server setting as used, and what a workspace or folder set for it and was ignored. */
export interface ServerSettingFact {
  /** `boomtown.apiUrl`… */
  id: string;
  /** The value used, as text; undefined when it is not shown (the client id). */
  value: string | undefined;
  source: SettingSource;
  ignored: Array<{ scope: string; value: string | undefined }>;
}

export interface DiagnosisFacts {
  extensionVersion: string;
  vscodeVersion: string;
  uiKind: 'Desktop' | 'Web';
  remoteName: string | undefined;
  uriScheme: string;
  callbackUri: string;
  externalCallbackUri: string | { error: string };
  authUrl: { value: string; source: string };
  apiUrl: { value: string; source: string };
  configProblems: string[];
  /** Every server setting (authUrl, apiUrl, clientId…), in the order of SERVER_SETTINGS. */
  serverSettings: ServerSettingFact[];
  clientIdPresent: boolean;
  clientIdSource: string;
  clientSecretSource: 'secret storage' | 'environment' | 'missing';
  secretStorage: { ok: true } | { ok: false; error: string };
  signedInAccounts: number;
  authHost: HostProbe;
  apiHost: HostProbe;
  /** What discovery (RFC 8414) found for the authorization server, or why it was refused. */
  metadata?: MetadataFact;
  /** The sign-in flows this window can use, in the order it tries them, with the redirect URI each sends. */
  signInFlows?: SignInFlowFact[];
}

export type MetadataFact =
  | { ok: true; source: string; discovered: string[]; endpoints: Record<string, string | undefined>; issuer?: string }
  | { ok: false; error: string };

export interface SignInFlowFact {
  /** `vscode`, `loopback`, `redirectUri`, `deviceCode`. */
  flow: string;
  /** The exact redirect URI to register; undefined for the device code (nothing comes back). */
  redirectUri: string | undefined;
  note?: string;
}

type Verdict = { ok: boolean; text: string; fix?: string };

export function diagnose(facts: DiagnosisFacts): { markdown: string; problems: number } {
  const checks: Array<[string, Verdict]> = [
    ['Client id', facts.clientIdPresent
      ? { ok: true, text: `present (from ${facts.clientIdSource})` }
      : { ok: false, text: 'missing', fix: 'Set "boomtown.clientId" in Settings, or the BOOMTOWN_CLIENT_ID environment variable.' }],
    ['Client secret', facts.clientSecretSource !== 'missing'
      ? { ok: true, text: `present (from ${facts.clientSecretSource})` }
      : { ok: false, text: 'missing', fix: 'Run "BoomTown: Set Client Secret", or set the BOOMTOWN_CLIENT_SECRET environment variable.' }],
    ['Settings', facts.configProblems.length === 0
      ? { ok: true, text: 'valid' }
      : { ok: false, text: facts.configProblems.join('; '), fix: 'Use https:// base URLs without a path query, e.g. https://auth.boomtownroi.com.' }],
    ['Secret storage', facts.secretStorage.ok
      ? { ok: true, text: 'write, read and delete work' }
      : { ok: false, text: facts.secretStorage.error, fix: 'On Linux desktops install and unlock a keyring (gnome-keyring or KWallet), or start VS Code with --password-store=basic.' }],
    ['Callback', callbackVerdict(facts)],
    ...(facts.metadata ? [['Server metadata', metadataVerdict(facts.metadata)] as [string, Verdict]] : []),
    ['Authorization server', probeVerdict(facts.authHost, 'boomtown.authUrl')],
    ['API server', probeVerdict(facts.apiHost, 'boomtown.apiUrl')],
    ['Clock', clockVerdict(facts.authHost.clockSkewSeconds ?? facts.apiHost.clockSkewSeconds)],
  ];
  const problems = checks.filter(([, v]) => !v.ok).length;
  const lines = [
    '# BoomTown sign-in diagnosis',
    '',
    problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} found; each names its likely fix.`,
    '',
    '| Check | Result | Likely fix |',
    '| --- | --- | --- |',
    ...checks.map(([name, v]) => `| ${name} | ${v.ok ? 'ok' : '**problem**'}: ${cell(v.text)} | ${cell(v.fix ?? '')} |`),
    '',
    '## Environment',
    '',
    `- Extension ${cell(facts.extensionVersion)}, VS Code ${cell(facts.vscodeVersion)}`,
    `- UI kind: ${facts.uiKind}; remote: ${cell(facts.remoteName ?? 'none (local)')}; URI scheme: ${cell(facts.uriScheme)}`,
    `- Callback URI: \`${code(facts.callbackUri)}\``,
    `- After asExternalUri: ${typeof facts.externalCallbackUri === 'string' ? `\`${code(facts.externalCallbackUri)}\`` : cell(facts.externalCallbackUri.error)}`,
    `- Authorization server: \`${code(facts.authUrl.value)}\` (${facts.authUrl.source})`,
    `- API: \`${code(facts.apiUrl.value)}\` (${facts.apiUrl.source})`,
    `- Signed-in accounts: ${facts.signedInAccounts}`,
    '',
    'Register the callback URI above (after asExternalUri) as a redirect URI of your BoomTown app. Values of the client id and secret are never shown here.',
    '',
    ...signInLines(facts),
    '## Server settings',
    '',
    'Where sign-in and tokens go is read from user (or remote machine) settings, the environment, or the defaults; never from a workspace.',
    '',
    ...facts.serverSettings.map(settingLine),
    '',
  ];
  return { markdown: lines.join('\n'), problems };
}

function metadataVerdict(metadata: MetadataFact): Verdict {
  if (!metadata.ok) return { ok: false, text: metadata.error, fix: 'Check "boomtown.authUrl": it must be the issuer the server names in its metadata.' };
  return { ok: true, text: metadata.discovered.length ? `read from ${metadata.source}` : `none used (${metadata.source}); the fixed paths apply` };
}

/** Discovery's endpoints (marking those it supplied) and, per flow, the redirect URI to register. */
function signInLines(facts: DiagnosisFacts): string[] {
  const lines: string[] = [];
  const metadata = facts.metadata;
  if (metadata?.ok) {
    lines.push('## Server metadata', '', `Source: ${cell(metadata.source)}${metadata.issuer ? `; issuer \`${code(metadata.issuer)}\`` : ''}`, '');
    for (const [name, url] of Object.entries(metadata.endpoints)) {
      if (url === undefined) continue;
      lines.push(`- ${name}: \`${code(url)}\` (${metadata.discovered.includes(name) ? 'from the metadata' : 'fixed path'})`);
    }
    lines.push('');
  }
  if (facts.signInFlows?.length) {
    lines.push('## Sign-in flows', '', 'The ways this window can sign in, in the order it tries them ("boomtown.signInFlow"), and the redirect URI each one sends: register that one with your BoomTown app.', '');
    lines.push('| Flow | Redirect URI to register | Note |', '| --- | --- | --- |');
    for (const flow of facts.signInFlows) {
      lines.push(`| ${cell(flow.flow)} | ${flow.redirectUri === undefined ? 'none (nothing comes back)' : `\`${code(flow.redirectUri).replace(/\|/g, '\\|')}\``} | ${cell(flow.note ?? '')} |`);
    }
    lines.push('');
  }
  return lines;
}

function settingLine(setting: ServerSettingFact): string {
  const value = setting.value === undefined ? '(not shown)' : `\`${code(setting.value)}\``;
  const ignored = setting.ignored.map((entry) => `; ignored ${entry.scope} value: ${entry.value === undefined ? '(not shown)' : `\`${code(entry.value)}\``}`);
  return `- ${setting.id}: ${value} (${setting.source})${ignored.join('')}`;
}

function callbackVerdict(facts: DiagnosisFacts): Verdict {
  if (typeof facts.externalCallbackUri !== 'string') {
    return { ok: false, text: `asExternalUri failed: ${facts.externalCallbackUri.error}`, fix: 'Sign in with the "Paste Redirect URL" option of the sign-in notification.' };
  }
  if (facts.remoteName && facts.externalCallbackUri === facts.callbackUri && facts.uiKind === 'Web') {
    return { ok: false, text: 'the callback is not forwarded to this browser window', fix: 'Use the "Copy Sign-in Link" / "Paste Redirect URL" way out in the sign-in notification.' };
  }
  return { ok: true, text: facts.remoteName ? `forwarded for remote ${facts.remoteName}` : 'handled by this VS Code' };
}

function probeVerdict(probe: HostProbe, setting: string): Verdict {
  if (probe.ok) return { ok: true, text: `answers (HTTP ${probe.status}) in ${probe.ms} ms` };
  return {
    ok: false,
    text: probe.error ? `unreachable: ${probe.error}` : `HTTP ${probe.status}`,
    fix: `Check "${setting}" and your network; behind a proxy set "http.proxy" (and "http.proxyStrictSSL" for inspecting proxies).`,
  };
}

function clockVerdict(skew: number | undefined): Verdict {
  if (skew === undefined) return { ok: true, text: 'not measured (no Date header)' };
  if (Math.abs(skew) <= 60) return { ok: true, text: `${Math.round(skew)} s from the server` };
  return { ok: false, text: `${Math.round(skew)} s from the server`, fix: 'Sync this machine\'s clock (NTP): token expiry is judged by it.' };
}

/**
 * Table cells hold plain text: setting values, server errors and problems are outside text, so
 * they go through safeMessage (no link, image or HTML can form; the preview shows them as written),
 * and a pipe would end the cell.
 */
function cell(text: string): string {
  return safeMessage(text, 300).replace(/\|/g, '\\|');
}

/** Inside a code span: no backtick may end it early, nor a line break. */
function code(text: string): string {
  return text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ');
}
