import * as vscode from 'vscode';
import { ANSWER_SELECTOR, AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, ChatTools, DEFAULT_SCOPES, RAW_SCHEME, REQUEST_FILE_SELECTOR, Views } from './constants';
import { Deferred } from './core/shared/deferred';
import type { ExchangeRecord } from './core/explorer/exchangeRecord';
import type { LeadNode } from './core/leads/leadsModel';
import type { AuthFeature } from './vscode/auth/authFeature';
import type { WorkbenchFeatures } from './vscode/workbenchFeatures';
import { deferredShell } from './vscode/shared/deferredShells';
import { registerCommands } from './vscode/shared/commands';
import { HttpHighlighting } from './vscode/explorer/httpHighlighting';

/** What other extensions (and our integration tests) get from `getExtension(...).exports`. */
export interface BoomTownExtensionApi {
  readonly authenticationProviderId: string;
  readonly defaultScopes: readonly string[];
}

/**
 * Composition root. Activation runs at every VS Code start, so it registers what VS Code asks for
 * (the authentication provider, the URI handler, the commands, the views' providers, the code lenses,
 * the chat tools) as stand-ins, and loads each feature's code when one of them is first used: the
 * sign-in feature (sessions, the status bar) right after activation, the workbench features (leads,
 * explorer, chat, diagnose) only when asked for. No logic, no I/O here.
 */
export function activate(context: vscode.ExtensionContext): BoomTownExtensionApi {
  const subscriptions = context.subscriptions;
  const auth = new Deferred<AuthFeature>('the BoomTown sign-in feature', () => loadAuthFeature().composeAuthFeature(context));
  const workbench: Deferred<WorkbenchFeatures> = new Deferred('the BoomTown workbench features', () =>
    loadWorkbenchFeatures().composeWorkbench(auth.get().parts, { leads: leadsView, history: historyView }),
  );
  const treeShape = { methods: ['getChildren', 'getTreeItem'], events: ['onDidChangeTreeData'] } as const;
  const lensShape = { methods: ['provideCodeLenses'], events: ['onDidChangeCodeLenses'] } as const;
  const leadsView: vscode.TreeView<LeadNode> = vscode.window.createTreeView(Views.leads, {
    treeDataProvider: deferredShell(workbench, (made) => made.leadsTree, treeShape, subscriptions),
    showCollapseAll: true,
  });
  const historyView: vscode.TreeView<ExchangeRecord> = vscode.window.createTreeView(Views.requestHistory, {
    treeDataProvider: deferredShell(workbench, (made) => made.historyTree, treeShape, subscriptions),
  });
  const provider = deferredShell(auth, (made) => made.provider, { methods: ['getSessions', 'createSession', 'removeSession'], events: ['onDidChangeSessions'] }, subscriptions);
  subscriptions.push(
    leadsView,
    historyView,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler(deferredShell(auth, (made) => made.uriHandler, { methods: ['handleUri'] }, subscriptions)),
    vscode.workspace.registerTextDocumentContentProvider(RAW_SCHEME, deferredShell(workbench, (made) => made.documents, { methods: ['provideTextDocumentContent'] }, subscriptions)),
    vscode.languages.registerCodeLensProvider(REQUEST_FILE_SELECTOR, deferredShell(workbench, (made) => made.requestLenses, lensShape, subscriptions)),
    vscode.languages.registerCodeLensProvider(ANSWER_SELECTOR, deferredShell(workbench, (made) => made.answerLenses, lensShape, subscriptions)),
    new HttpHighlighting(),
    ...Object.values(ChatTools).map((name) =>
      vscode.lm.registerTool(name, deferredShell(workbench, (made) => made.chatTools[name], { methods: ['prepareInvocation', 'invoke'] }, subscriptions)),
    ),
    ...registerCommands({ auth, workbench }),
  );
  // The status bar and the Accounts menu show the signed-in account from the start: the sign-in
  // feature reads the sessions once, after activation has returned.
  const startSignInFeature = setTimeout(() => auth.get(), 0);
  subscriptions.push({ dispose: () => clearTimeout(startSignInFeature) });
  return { authenticationProviderId: AUTH_PROVIDER_ID, defaultScopes: DEFAULT_SCOPES };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

// Required inside functions, on first use: the bundle ships each feature as a chunk that is compiled
// by this require (src/bundle/deferredChunks.mjs), so loading the extension parses neither.
function loadAuthFeature(): typeof import('./vscode/auth/authFeature') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return require('./vscode/auth/authFeature') as typeof import('./vscode/auth/authFeature');
}

function loadWorkbenchFeatures(): typeof import('./vscode/workbenchFeatures') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return require('./vscode/workbenchFeatures') as typeof import('./vscode/workbenchFeatures');
}
