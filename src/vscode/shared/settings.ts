import * as vscode from 'vscode';
import { resolveConfig, type BoomTownConfig } from '../../core/shared/config';
import { chooseServerSettings, type ChosenServerSettings } from '../../core/shared/serverSettings';
import type { ProxySettings } from '../../core/shared/transport/dispatcher';
import { CONFIG_SECTION } from '../../constants';

/**
 * Reads the settings on every call, so a changed setting applies to the next request without a
 * reload. The server settings come from user (or remote machine) settings only: a workspace value
 * is never used, whatever VS Code's scope handling lets through (see serverSettings.ts).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): BoomTownConfig {
  return resolveConfig(readServerSettings().settings, env);
}

/** The server settings as chosen from `inspect()`: the user's values, and what a workspace set that is ignored. */
export function readServerSettings(): ChosenServerSettings {
  const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return chooseServerSettings((key) => section.inspect(key));
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
