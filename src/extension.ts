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
 * the chat tools), as stand-ins that import their feature's code on first use; the rest registers a
 * tick later. The sign-in feature (sessions, the status bar) is imported right after activation has
 * returned, the workbench features (leads, explorer, chat, diagnose) only when one of them is asked
 * for: in the bundle each is a chunk of its own (esbuild's code splitting), so loading the extension
 * parses neither. No logic, no I/O, no secret read here.
 *
 * Why the stand-ins (deferredShells.ts) earn their place, by VS Code's own Extension Activation Stats
 * (Load Code + Call Activate; code-server 4.100.3, development build, 3 rig runs × 2 startups each,
 * 2026-12-06, loaded 2-core machine): composed plainly (every feature imported by this file, one
 * bundle) the extension took a median 105.5 ms against the empty ES-module extension's 63 ms in the
 * same startups (ratio of each startup, median 1.78); as here, 68 ms against 45 ms (median 1.47).
 */
export function activate(context: vscode.ExtensionContext): BoomTownExtensionApi {
  const subscriptions = context.subscriptions;
  const auth = new Deferred<AuthFeature>('the BoomTown sign-in feature', async () => (await import('./vscode/auth/authFeature')).composeAuthFeature(context));
  const workbench: Deferred<WorkbenchFeatures> = new Deferred('the BoomTown workbench features', async () => {
    // A command can run before the tick after activation: what the features show needs these first.
    registerEditorProviders();
    const [{ composeWorkbench }, authFeature] = await Promise.all([import('./vscode/workbenchFeatures'), auth.get()]);
    return composeWorkbench(authFeature.parts, views());
  });
  const views = once(() => createViews(workbench, subscriptions));
  const registerEditorProviders = once(() => subscriptions.push(...editorProviders(workbench, subscriptions)));
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
  // the status bar and the Accounts menu show the account. A failure to import or compose it is a
  // defect, left unhandled so the extension host reports it, as it would a provider's.
  const afterActivation = setTimeout(() => {
    views();
    registerEditorProviders();
    void auth.get();
  }, 0);
  subscriptions.push({ dispose: () => clearTimeout(afterActivation) });
  return { authenticationProviderId: AUTH_PROVIDER_ID, defaultScopes: DEFAULT_SCOPES };
}

/** `make` run on the first call only; later calls return what it returned. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
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
  // The Endpoints view: shown, it loads the workbench features and the API contract.
  const endpoints = vscode.window.createTreeView(Views.endpoints, {
    treeDataProvider: deferredShell(workbench, (made) => made.endpointsTree, treeShape, subscriptions),
  });
  subscriptions.push(leads, history, endpoints);
  return { leads, history, endpoints };
}

/** Request files' and answers' code lenses, the request-file highlighting, the raw documents. */
function editorProviders(workbench: Deferred<WorkbenchFeatures>, subscriptions: vscode.Disposable[]): vscode.Disposable[] {
  const lensShape = { provideCodeLenses: 'method', onDidChangeCodeLenses: 'event' } as const;
  const intelliSenseShape = { provideCompletionItems: 'method', provideHover: 'method', provideCodeActions: 'method' } as const;
  const intelliSense = deferredShell(workbench, (made) => made.requestIntelliSense, intelliSenseShape, subscriptions);
  return [
    vscode.workspace.registerTextDocumentContentProvider(RAW_SCHEME, deferredShell(workbench, (made) => made.documents, { provideTextDocumentContent: 'method' }, subscriptions)),
    vscode.languages.registerCodeLensProvider(REQUEST_FILE_SELECTOR, deferredShell(workbench, (made) => made.requestLenses, lensShape, subscriptions)),
    vscode.languages.registerCodeLensProvider(ANSWER_SELECTOR, deferredShell(workbench, (made) => made.answerLenses, lensShape, subscriptions)),
    new HttpHighlighting(),
    // Completion, hovers and quick fixes from the API contract (loaded by the first request file, not here).
    vscode.languages.registerCompletionItemProvider(REQUEST_FILE_SELECTOR, intelliSense, '/', '?', '&', '=', '{'),
    vscode.languages.registerHoverProvider(REQUEST_FILE_SELECTOR, intelliSense),
    vscode.languages.registerCodeActionsProvider(REQUEST_FILE_SELECTOR, intelliSense, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  ];
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
