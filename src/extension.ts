import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, Commands, DEFAULT_SCOPES } from './constants';
import { PendingSignIns } from './core/auth/pendingSignIns';
import { SessionService } from './core/auth/sessions/sessionService';
import { createApiDispatcher } from './core/shared/transport/dispatcher';
import { lazyDispatcher } from './core/shared/transport/lazyDispatcher';
import { HttpClient } from './core/api/httpClient';
import { BoomTownApi } from './core/api/boomtownApi';
import { LeadsModel } from './core/leads/leadsModel';
import { createOutputLogger } from './vscode/shared/outputLogger';
import { secretStoreFrom } from './vscode/auth/secretStore';
import { readConfig, readProxySettings } from './vscode/shared/settings';
import { CredentialsSource } from './vscode/auth/credentialsSource';
import { WorkbenchSignInBrowser } from './vscode/auth/workbenchBrowser';
import { CallbackUriHandler } from './vscode/auth/uriHandler';
import { ErrorBoundary } from './vscode/shared/errorBoundary';
import { SignInFlow } from './vscode/auth/signInFlow';
import { BoomTownAuthenticationProvider } from './vscode/auth/authProvider';
import { registerCommandTable } from './vscode/shared/commands';
import { authCommands } from './vscode/auth/authCommands';
import { leadsCommands } from './vscode/leads/leadsCommands';
import { sessionTokenSource } from './vscode/auth/sessionTokenSource';
import { RawDocuments, RAW_SCHEME } from './vscode/explorer/rawDocuments';
import { createExplorer } from './vscode/explorer/explorerFeature';
import { createLeadsView } from './vscode/leads/leadsView';
import { diagnoseCommand } from './vscode/diagnose/diagnoseCommand';
import { SignInStatus } from './vscode/auth/signInStatus';
import { SessionEndNotifier } from './vscode/auth/sessionEndNotifier';
import { ContextKeyWriter } from './vscode/shared/contextKeys';
import { ChatToolRunner } from './core/chat/chatToolRunner';
import { registerChatTools } from './vscode/chat/languageModelTools';
import { sessionSharing } from './vscode/auth/sessionSharing';

/** What other extensions (and our integration tests) get from `getExtension(...).exports`. */
export interface BoomTownExtensionApi {
  readonly authenticationProviderId: string;
  readonly defaultScopes: readonly string[];
}

/** Composition root: builds objects, registers them, hands every disposable to VS Code. No logic, no I/O. */
export function activate(context: vscode.ExtensionContext): BoomTownExtensionApi {
  const { logger, channel } = createOutputLogger();
  const errors = new ErrorBoundary(logger);
  const config = () => readConfig();
  const credentials = new CredentialsSource(context.secrets, config);
  // One connection pool for the authorization server and the API; it follows no redirects. Made (and
  // undici loaded, the proxy settings read) on the first request: activation needs no HTTP stack.
  const dispatcher = lazyDispatcher(() => createApiDispatcher({}, readProxySettings()));
  const pending = new PendingSignIns(logger);
  const service = new SessionService({
    store: secretStoreFrom(context.secrets),
    dispatcher,
    config,
    credentials: () => credentials.get(),
    pending,
    logger,
    redactor: logger.redactor,
    ...sessionSharing(context),
  });
  const browser = new WorkbenchSignInBrowser(logger);
  const signInFlow = new SignInFlow(service, pending, browser, logger);
  const provider = new BoomTownAuthenticationProvider(service, signInFlow, errors);
  const http = new HttpClient({
    dispatcher,
    config,
    tokens: sessionTokenSource(service),
    version: String(context.extension.packageJSON.version),
    logger,
  });
  const api = new BoomTownApi(http);
  const model = new LeadsModel({ api, logger, localize: (message, ...args) => vscode.l10n.t(message, ...args) });
  const documents = new RawDocuments();
  const chatTools = new ChatToolRunner({ api, apiUrl: () => config().apiUrl, redactKnown: (text) => logger.redactor.redactKnown(text), logger });

  const auth = authCommands({ service, credentials, shown: errors.shown, showLog: () => channel.show() });
  const leads = leadsCommands({ model, api, documents, shown: errors.shown });
  const explorer = createExplorer({ context, service, http, api, documents, apiUrl: () => config().apiUrl });
  context.subscriptions.push(
    channel,
    { dispose: () => void dispatcher.close() },
    service,
    provider,
    model,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler(new CallbackUriHandler(pending, logger)),
    vscode.workspace.registerTextDocumentContentProvider(RAW_SCHEME, documents),
    new SignInStatus(service, logger),
    new ContextKeyWriter(service, logger),
    new SessionEndNotifier(service),
    ...createLeadsView(model, service),
    ...registerChatTools({ runner: chatTools, apiUrl: () => config().apiUrl }),
    ...explorer.disposables,
    ...registerCommandTable(
      {
        [Commands.signIn]: auth.signIn,
        [Commands.signOut]: auth.signOut,
        [Commands.setClientSecret]: auth.setClientSecret,
        [Commands.showLog]: auth.showLog,
        [Commands.copySignInLink]: () => signInFlow.copySignInLink(),
        [Commands.pasteSignInRedirect]: () => signInFlow.pasteRedirect(),
        [Commands.fetchLeads]: leads.fetchLeads,
        [Commands.refreshLeads]: leads.refreshLeads,
        [Commands.searchLeads]: leads.searchLeads,
        [Commands.filterLeads]: leads.filterLeads,
        [Commands.sortLeads]: leads.sortLeads,
        [Commands.loadMore]: leads.loadMore,
        [Commands.openLeadJson]: leads.openLeadJson,
        [Commands.copyLeadEmail]: leads.copyLeadEmail,
        [Commands.copyLeadPhone]: leads.copyLeadPhone,
        [Commands.copyLeadId]: leads.copyLeadId,
        [Commands.exportLeads]: leads.exportLeads,
        ...explorer.commands,
        [Commands.diagnose]: diagnoseCommand({ context, config, credentials, service, dispatcher, documents, redirectUri: () => browser.redirectUri() }),
      },
      errors,
    ),
  );
  return { authenticationProviderId: AUTH_PROVIDER_ID, defaultScopes: DEFAULT_SCOPES };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
