import * as vscode from 'vscode';
import type { HostKind } from '../../core/auth/flows/flowTable';

/** Where the extension host runs, as the flow table sees it, and whether VS Code forwards a loopback port to the browser. */
export interface SignInHost {
  kind: HostKind;
  loopbackForwarded: boolean;
}

/**
 * A browser workbench (code-server, vscode.dev) runs the host on a server the browser reaches
 * through the workbench's URL; a remote window (SSH, WSL, a container) in VS Code desktop forwards
 * loopback ports through asExternalUri; otherwise (or when the extension runs on the UI side) the
 * browser shares the host's machine.
 */
export function signInHost(extension: vscode.Extension<unknown>): SignInHost {
  if (vscode.env.uiKind === vscode.UIKind.Web) return { kind: 'web', loopbackForwarded: false };
  if (vscode.env.remoteName && extension.extensionKind === vscode.ExtensionKind.Workspace) return { kind: 'remote', loopbackForwarded: true };
  return { kind: 'desktop', loopbackForwarded: false };
}

/** The loopback redirect as the browser reaches it in a remote window: asExternalUri forwards the port (the core checks the result is still loopback). */
export async function exposeLoopback(uri: string): Promise<string> {
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(uri));
  return external.toString(true);
}
