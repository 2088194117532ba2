/**
 * The settings that decide where a token, a code, the client secret or a sign-in goes. A workspace
 * (a cloned repository's `.vscode/settings.json`) must never set them: they are `machine`-scoped in
 * the manifest, listed in `restrictedConfigurations`, and read here from user (or remote machine)
 * settings only. This list is the one the reader, the workspace warning and the manifest test use:
 * a setting added to it is covered everywhere.
 */
import type { RawSettings } from './config';

export const SERVER_SETTINGS = ['authUrl', 'apiUrl', 'clientId', 'clientAuthentication', 'issuer', 'authorizeParameters', 'signInFlow', 'redirectUri', 'loopbackPort'] as const satisfies ReadonlyArray<keyof RawSettings>;

export type ServerSettingKey = (typeof SERVER_SETTINGS)[number];

/** The part of `WorkspaceConfiguration.inspect()` the choice looks at. */
interface InspectedValue {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** Where a value a workspace tried to set was found. */
type WorkspaceScope = 'workspace' | 'workspace folder';

export interface IgnoredValue {
  key: ServerSettingKey;
  scope: WorkspaceScope;
  value: unknown;
}

export interface ChosenServerSettings {
  /** The values used: user (or remote machine) settings only; undefined where none is set. */
  settings: RawSettings;
  /** What a workspace or a folder set and the extension ignores. */
  ignored: IgnoredValue[];
}

/**
 * Picks the value of every server setting from `inspect()`-shaped input: the global value only,
 * whatever the workspace or folder values say (VS Code already drops those for `machine` settings;
 * this does not rely on it).
 */
export function chooseServerSettings(inspect: (key: ServerSettingKey) => InspectedValue | undefined): ChosenServerSettings {
  const settings: RawSettings = {};
  const ignored: IgnoredValue[] = [];
  for (const key of SERVER_SETTINGS) {
    const inspected = inspect(key);
    settings[key] = inspected?.globalValue;
    if (inspected?.workspaceValue !== undefined) ignored.push({ key, scope: 'workspace', value: inspected.workspaceValue });
    if (inspected?.workspaceFolderValue !== undefined) ignored.push({ key, scope: 'workspace folder', value: inspected.workspaceFolderValue });
  }
  return { settings, ignored };
}

/** `boomtown.apiUrl` for `apiUrl`. */
export function settingId(key: ServerSettingKey): string {
  return `boomtown.${key}`;
}

/**
 * The server settings one workspace settings file (`.vscode/settings.json` or a `.code-workspace`
 * file's `settings`) sets, already parsed. Both spellings VS Code accepts count: the dotted key and
 * the nested object.
 */
export function serverSettingsIn(settings: unknown): Partial<Record<ServerSettingKey, unknown>> {
  const found: Partial<Record<ServerSettingKey, unknown>> = {};
  if (!isRecord(settings)) return found;
  const nested = settings.boomtown;
  for (const key of SERVER_SETTINGS) {
    const dotted = settings[settingId(key)];
    const value = dotted !== undefined ? dotted : isRecord(nested) ? nested[key] : undefined;
    if (value !== undefined) found[key] = value;
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
