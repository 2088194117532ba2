import * as vscode from 'vscode';
import { EXTENSION_ID } from '../constants';
import type { SignInBrowser } from '../core/auth/signInBrowser';
import type { Logger } from '../core/logger';

/**
 * Opens the authorize URL and names the redirect URI, wherever VS Code runs. The callback URI is
 * built from env.uriScheme (vscode, vscode-insiders, code-oss …) and passed through asExternalUri,
 * which in remote and browser workbenches turns it into an https/http URL that comes back to us.
 */
export class WorkbenchSignInBrowser implements SignInBrowser {
  constructor(private readonly logger: Logger) {}

  async redirectUri(): Promise<string> {
    const callback = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/callback`);
    const external = await vscode.env.asExternalUri(callback);
    const redirectUri = external.toString();
    this.logger.debug(`Sign-in callback ${callback.toString()} is reachable as ${redirectUri}`);
    return redirectUri;
  }

  async open(authorizeUrl: string): Promise<void> {
    const opened = await vscode.env.openExternal(exactUri(authorizeUrl));
    if (!opened) this.logger.warn('The browser did not open the sign-in page; the sign-in link can be copied from the notification.');
  }
}

/**
 * A vscode.Uri that renders back to exactly `url`. Uri.parse would decode the query, and the
 * workbench re-encodes it on the way to the browser, splitting or double-encoding the
 * redirect_uri parameter, which carries a query of its own in remote and web workbenches. Built
 * from its components, the query stays the already-encoded string we produced.
 */
export function exactUri(url: string): vscode.Uri {
  const parsed = new URL(url);
  return vscode.Uri.from({
    scheme: parsed.protocol.replace(/:$/, ''),
    authority: parsed.host,
    path: parsed.pathname,
    query: parsed.search.replace(/^\?/, ''),
    fragment: parsed.hash.replace(/^#/, ''),
  });
}
