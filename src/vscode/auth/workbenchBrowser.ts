import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../constants';
import type { SignInBrowser } from '../../core/auth/signInBrowser';
import type { Logger } from '../../core/shared/logger';

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
    // toString(true): the external URI can carry a query of its own (code-server's callback does);
    // the default toString() would encode its `=` and `&`, and the callback could not be read.
    const redirectUri = external.toString(true);
    this.logger.debug(`Sign-in callback ${callback.toString()} is reachable as ${redirectUri}`);
    return redirectUri;
  }

  async open(authorizeUrl: string): Promise<void> {
    const opened = await openExactly(authorizeUrl);
    if (!opened) this.logger.warn('The browser did not open the sign-in page; the sign-in link can be copied from the notification.');
  }
}

/**
 * Opens `url` byte for byte. Its redirect_uri parameter holds an encoded URL with a query of its
 * own; a vscode.Uri would be decoded and re-encoded on the way to the browser (seen in code-server:
 * `%3A` became `%253A`, and the server refused the redirect URI). The workbench passes a string it
 * was given through unchanged when parsing it changes nothing, so the string goes in as it is.
 * The API is typed for Uri only, hence the widened signature.
 */
function openExactly(url: string): Thenable<boolean> {
  const openExternal = vscode.env.openExternal as (target: vscode.Uri | string) => Thenable<boolean>;
  return openExternal(url);
}
