import * as vscode from 'vscode';
import { resolveConfig, type BoomTownConfig } from '../../core/shared/config';
import type { ProxySettings } from '../../core/shared/transport/dispatcher';
import { CONFIG_SECTION } from '../../constants';

/** Reads the settings on every call, so a changed setting applies to the next request without a reload. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): BoomTownConfig {
  const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return resolveConfig(
    {
      authUrl: explicitValue(section, 'authUrl'),
      apiUrl: explicitValue(section, 'apiUrl'),
      clientId: explicitValue(section, 'clientId'),
      authorizeParameters: explicitValue(section, 'authorizeParameters'),
      clientAuthentication: explicitValue(section, 'clientAuthentication'),
      issuer: explicitValue(section, 'issuer'),
    },
    env,
  );
}

/** Only values the user set count as settings; defaults are left to resolveConfig so the environment can override them. */
function explicitValue(section: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = section.inspect(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

/** VS Code's own proxy settings, read when the connection pool is made (a change applies after a reload). */
export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    url: http.get<string>('proxy') || undefined,
    noProxy: http.get<string[]>('noProxy') ?? [],
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
  };
}
