import * as vscode from 'vscode';
import type { ServerSettingFact, SettingSource } from '../../core/diagnose/diagnosis';
import type { BoomTownConfig, Source } from '../../core/shared/config';
import { SERVER_SETTINGS, type ServerSettingKey, settingId } from '../../core/shared/serverSettings';
import { ignoredWorkspaceSettings } from '../shared/workspaceServerSettings';

/** The client id is never shown in the report (nor a workspace's attempt at one). */
const HIDDEN: ReadonlySet<ServerSettingKey> = new Set(['clientId']);

/** For Diagnose Sign-in: every server setting's value, where it came from, and what a workspace set in vain. */
export async function serverSettingFacts(config: BoomTownConfig): Promise<ServerSettingFact[]> {
  const ignored = await ignoredWorkspaceSettings();
  return SERVER_SETTINGS.map((key) => ({
    id: settingId(key),
    value: HIDDEN.has(key) ? undefined : valueOf(config, key),
    source: sourceOf(config.sources[key]),
    ignored: ignored.filter((entry) => entry.key === key).map((entry) => ({ scope: entry.scope, value: HIDDEN.has(key) ? undefined : asText(entry.value) })),
  }));
}

function valueOf(config: BoomTownConfig, key: ServerSettingKey): string | undefined {
  switch (key) {
    case 'authUrl':
    case 'apiUrl':
    case 'issuer':
    case 'clientAuthentication':
      return config[key];
    case 'signInFlow':
      return config.signInFlow;
    case 'redirectUri':
      return config.redirectUri ?? '';
    case 'loopbackPort':
      return config.loopbackPort === undefined ? '0 (a free port)' : String(config.loopbackPort);
    case 'authorizeParameters':
      return config.authorizeParameters.ok ? JSON.stringify(config.authorizeParameters.parameters) : `unusable: ${config.authorizeParameters.problem}`;
    default:
      return undefined;
  }
}

/** A value set in settings.json comes from the user's settings, or the remote machine's in a remote window. */
function sourceOf(source: Source): SettingSource {
  if (source === 'setting') return vscode.env.remoteName ? 'remote machine' : 'user';
  if (source === 'missing') return 'not set';
  return source;
}

function asText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
