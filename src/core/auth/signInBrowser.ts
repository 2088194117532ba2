/** What a sign-in needs from the outside world; the vscode layer implements it, tests follow redirects instead. */
export interface SignInBrowser {
  /** The redirect URI to register in the authorize request (already through asExternalUri). */
  redirectUri(): Promise<string>;
  /** Open the authorize URL in the user's browser. */
  open(authorizeUrl: string): Promise<void>;
}
