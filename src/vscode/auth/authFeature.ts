import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, Commands, DEFAULT_SCOPES } from '../../constants';
import { createCore, type Core } from '../../core';
import type { RedactingLogger } from '../../core/shared/logger';
import type { BoomTownConfig } from '../../core/shared/config';
import { SERVER_SETTINGS, settingId } from '../../core/shared/serverSettings';
import { createApiDispatcher } from '../../core/shared/transport/dispatcher';
import { lazyDispatcher } from '../../core/shared/transport/lazyDispatcher';
import type { HttpDispatcher } from '../../core/shared/transport/httpRequest';
import type { AuthCommandId, CommandHandler } from '../shared/commands';
import { ErrorBoundary } from '../shared/errorBoundary';
import { createOutputLogger } from '../shared/outputLogger';
import { ContextKeyWriter } from '../shared/contextKeys';
import { readConfig, readProxySettings } from '../shared/settings';
import { authCommands } from './authCommands';
import { BoomTownAuthenticationProvider } from './authProvider';
import { CredentialsSource } from './credentialsSource';
import { secretStoreFrom } from './secretStore';
import { SessionEndNotifier } from './sessionEndNotifier';
import { sessionSharing } from './sessionSharing';
import { SignInFlow } from './signInFlow';
import { signInHost } from './signInHost';
import { SignInStatus } from './signInStatus';
import { CallbackUriHandler } from './uriHandler';
import { WorkbenchSignInBrowser } from './workbenchBrowser';
import { WorkspaceSettingsWarning } from './workspaceSettingsWarning';

/** What the workbench features (leads, explorer, chat, diagnose) build on. */
export interface AuthParts {
  readonly context: vscode.ExtensionContext;
  readonly logger: RedactingLogger;
  readonly errors: ErrorBoundary;
  readonly config: () => BoomTownConfig;
  readonly credentials: CredentialsSource;
  readonly dispatcher: HttpDispatcher;
  readonly core: Core;
  readonly browser: WorkbenchSignInBrowser;
  /** The flows this window offers (Diagnose Sign-in lists them). */
  readonly signInFlow: SignInFlow;
}

export interface AuthFeature {
  readonly provider: BoomTownAuthenticationProvider;
  readonly uriHandler: CallbackUriHandler;
  readonly commands: Record<AuthCommandId, CommandHandler>;
  readonly parts: AuthParts;
}

/**
 * Sign-in and sessions, composed: loaded (in the bundle, compiled) by the first session read, which the
 * status bar makes right after activation, or by a sign-in, a callback or an auth command. It builds
 * objects and wires them; everything it makes is disposed with the extension.
 */
export function composeAuthFeature(context: vscode.ExtensionContext): AuthFeature {
  // Core translates with @vscode/l10n, from the bundle VS Code loaded for the display language (none in
  // English). Here, not in activate(): every feature that shows core's text composes after this one.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const { logger, channel } = createOutputLogger();
  const errors = new ErrorBoundary(logger);
  const config = () => readConfig();
  const credentials = new CredentialsSource(context.secrets, config);
  // One connection pool for the authorization server and the API; it follows no redirects. Made (and
  // undici loaded, the proxy settings read) on the first request: no session read needs HTTP.
  const dispatcher = lazyDispatcher(() => createApiDispatcher({}, readProxySettings()));
  const core = createCore({
    secrets: secretStoreFrom(context.secrets),
    dispatcher,
    logger,
    settings: config,
    credentials: (authUrl) => credentials.get(authUrl),
    ...sessionSharing(context),
    workspaceState: context.workspaceState,
    // API calls take the session any consumer would get, so the same refresh-on-read rules apply.
    currentSession: async () => vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { silent: true }),
    version: String(context.extension.packageJSON.version),
  });
  const { sessions: service, pendingSignIns: pending } = core;
  const browser = new WorkbenchSignInBrowser(logger);
  const host = signInHost(context.extension);
  const signInFlow = new SignInFlow(service, pending, browser, logger, { config, discovery: core.discovery, host: () => host });
  const provider = new BoomTownAuthenticationProvider(service, signInFlow, errors);
  const auth = authCommands({ service, credentials, shown: errors.shown, showLog: () => channel.show() });
  const status = new SignInStatus(service, logger);
  const signedInKey = new ContextKeyWriter(service, logger);
  context.subscriptions.push(
    channel,
    { dispose: () => void dispatcher.close() },
    core,
    provider,
    status,
    signedInKey,
    new SessionEndNotifier(service),
    new WorkspaceSettingsWarning(logger),
    // Sessions are presented per server: a change of the user's server settings changes which ones.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (SERVER_SETTINGS.some((key) => event.affectsConfiguration(settingId(key)))) service.settingsChanged();
      // Another authorization server, or the same one moved: the next sign-in reads its metadata again.
      if (event.affectsConfiguration(settingId('authUrl'))) core.discovery.forget();
    }),
  );
  // The first read of the sessions: the account in the status bar and the Accounts menu, the views' welcome.
  void status.refresh();
  void signedInKey.update();
  return {
    provider,
    uriHandler: new CallbackUriHandler(pending, logger),
    commands: {
      [Commands.signIn]: auth.signIn,
      [Commands.signOut]: auth.signOut,
      [Commands.setClientSecret]: auth.setClientSecret,
      [Commands.showLog]: auth.showLog,
      [Commands.copySignInLink]: () => signInFlow.copySignInLink(),
      [Commands.pasteSignInRedirect]: () => signInFlow.pasteRedirect(),
      [Commands.signInTryAnotherWay]: () => signInFlow.tryAnotherWay(),
      [Commands.copyDeviceCode]: () => signInFlow.copyDeviceCodeAndOpen(),
    },
    parts: { context, logger, errors, config, credentials, dispatcher, core, browser, signInFlow },
  };
}
