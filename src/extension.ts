import * as vscode from 'vscode';
import { ANSWER_SELECTOR, AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, ChatTools, DEFAULT_SCOPES, RAW_SCHEME, REQUEST_FILE_SELECTOR, Views } from './constants';
import { Deferred } from './core/shared/deferred';
import type { ExchangeRecord } from './core/explorer/exchangeRecord';
import type { LeadNode } from './core/leads/leadsModel';
import type { AuthFeature } from './vscode/auth/authFeature';
import type { WorkbenchFeatures, WorkbenchViews } from './vscode/workbenchFeatures';
import { deferredShell } from './vscode/shared/deferredShells';
import { registerCommands } from './vscode/shared/commands';
import { HttpHighlighting } from './vscode/explorer/httpHighlighting';

/** What other extensions (and our integration tests) get from `getExtension(...).exports`. */
export interface BoomTownExtensionApi {
  readonly authenticationProviderId: string;
  readonly defaultScopes: readonly string[];
}

/**
 * Composition root. Activation runs at every VS Code start, so it registers only what VS Code may
 * call the moment activation resolves (the authentication provider, the URI handler, the commands,
 * the chat tools), as stand-ins that load their feature's code on first use; the rest registers a
 * tick later. The sign-in feature (sessions, the status bar) loads right after activation has
 * returned, the workbench features (leads, explorer, chat, diagnose) only when one of them is asked
 * for. No logic, no I/O, no secret read here.
 */
export function activate(context: vscode.ExtensionContext): BoomTownExtensionApi {
  const subscriptions = context.subscriptions;
  const auth = new Deferred<AuthFeature>('the BoomTown sign-in feature', () => loadAuthFeature().composeAuthFeature(context));
  const workbench: Deferred<WorkbenchFeatures> = new Deferred('the BoomTown workbench features', () => {
    // A command can run before the tick after activation: what the features show needs these first.
    editorProviders.get();
    return loadWorkbenchFeatures().composeWorkbench(auth.get().parts, views.get());
  });
  const views = new Deferred('the BoomTown views', () => createViews(workbench, subscriptions));
  const editorProviders = new Deferred('the BoomTown editor providers', () => subscriptions.push(...registerEditorProviders(workbench, subscriptions)));
  const provider = deferredShell(
    auth,
    (made) => made.provider,
    { getSessions: 'method', createSession: 'method', removeSession: 'method', onDidChangeSessions: 'event' },
    subscriptions,
  );
  subscriptions.push(
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler(deferredShell(auth, (made) => made.uriHandler, { handleUri: 'method' }, subscriptions)),
    ...Object.values(ChatTools).map((name) =>
      vscode.lm.registerTool(name, deferredShell(workbench, (made) => made.chatTools[name], { prepareInvocation: 'method', invoke: 'method' }, subscriptions)),
    ),
    ...registerCommands({ auth, workbench }),
  );
  // Right after activation has returned: what VS Code asks again for once it is registered (views,
  // code lenses, highlighting, documents), and the sign-in feature, which reads the sessions once so
  // the status bar and the Accounts menu show the account.
  const afterActivation = setTimeout(() => {
    views.get();
    editorProviders.get();
    auth.get();
  }, 0);
  subscriptions.push({ dispose: () => clearTimeout(afterActivation) });
  return { authenticationProviderId: AUTH_PROVIDER_ID, defaultScopes: DEFAULT_SCOPES };
}

/** The leads and request-history views, their providers standing in for the workbench features' own. */
function createViews(workbench: Deferred<WorkbenchFeatures>, subscriptions: vscode.Disposable[]): WorkbenchViews {
  const treeShape = { getChildren: 'method', getTreeItem: 'method', onDidChangeTreeData: 'event' } as const;
  const leads: vscode.TreeView<LeadNode> = vscode.window.createTreeView(Views.leads, {
    treeDataProvider: deferredShell(workbench, (made) => made.leadsTree, treeShape, subscriptions),
    showCollapseAll: true,
  });
  const history: vscode.TreeView<ExchangeRecord> = vscode.window.createTreeView(Views.requestHistory, {
    treeDataProvider: deferredShell(workbench, (made) => made.historyTree, treeShape, subscriptions),
  });
  subscriptions.push(leads, history);
  return { leads, history };
}

/** Request files' and answers' code lenses, the request-file highlighting, the raw documents. */
function registerEditorProviders(workbench: Deferred<WorkbenchFeatures>, subscriptions: vscode.Disposable[]): vscode.Disposable[] {
  const lensShape = { provideCodeLenses: 'method', onDidChangeCodeLenses: 'event' } as const;
  return [
    vscode.workspace.registerTextDocumentContentProvider(RAW_SCHEME, deferredShell(workbench, (made) => made.documents, { provideTextDocumentContent: 'method' }, subscriptions)),
    vscode.languages.registerCodeLensProvider(REQUEST_FILE_SELECTOR, deferredShell(workbench, (made) => made.requestLenses, lensShape, subscriptions)),
    vscode.languages.registerCodeLensProvider(ANSWER_SELECTOR, deferredShell(workbench, (made) => made.answerLenses, lensShape, subscriptions)),
    new HttpHighlighting(),
  ];
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
