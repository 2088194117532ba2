import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Core } from '../../core';
import type { CommandHandler, CommandId } from '../shared/commands';
import { AnswerEditor } from './answerEditor';
import { ApiContracts } from './apiContracts';
import { EndpointsTree, openRequestCommand } from './endpointsView';
import { historyCommands, HistoryTree } from './historyView';
import type { RawDocuments } from './rawDocuments';
import { RecentPaths } from './recentPaths';
import { RequestCodeLens } from './requestCodeLens';
import { requestCommands } from './requestCommands';
import { RequestDiagnostics } from './requestDiagnostics';
import { RequestDispatch } from './requestDispatch';
import { RequestDocuments } from './requestDocuments';
import { RequestFiles } from './requestFiles';
import { RequestIntelliSense } from './requestIntelliSense';
import { sendRequestCommand } from './sendRequestCommand';

interface ExplorerDeps {
  context: vscode.ExtensionContext;
  core: Core;
  documents: RawDocuments;
  apiUrl: () => string;
}

type ExplorerCommandId =
  | typeof Commands.sendRequest
  | typeof Commands.sendRequestFile
  | typeof Commands.copyAsCurl
  | typeof Commands.copyAsFetch
  | typeof Commands.copyAsPython
  | typeof Commands.copyAccessToken
  | typeof Commands.newRequestFile
  | typeof Commands.nextPage
  | typeof Commands.historyOpen
  | typeof Commands.historySendAgain
  | typeof Commands.historyCopy
  | typeof Commands.historyClear
  | typeof Commands.endpointsOpenRequest;

interface Explorer {
  commands: Record<ExplorerCommandId & CommandId, CommandHandler>;
  /** The providers activation registered deferred stand-ins for (the history view, the code lenses). */
  historyTree: HistoryTree;
  requestLenses: RequestCodeLens;
  answerLenses: AnswerEditor;
  /** Completion, hovers and quick fixes from the API contract, and the Endpoints view. */
  requestIntelliSense: RequestIntelliSense;
  endpointsTree: EndpointsTree;
  disposables: vscode.Disposable[];
}

/** The API explorer: request files, their answers, the history and "Send Request…", built and wired. */
export function createExplorer(deps: ExplorerDeps): Explorer {
  const { requestHistory: history, apiClient, api } = deps.core;
  const answers = new AnswerEditor(deps.documents);
  const dispatch = new RequestDispatch(deps.core, answers, deps.apiUrl);
  const files = new RequestFiles();
  const lenses = new RequestCodeLens(files, deps.apiUrl);
  const tree = new HistoryTree(history);
  const requests = requestCommands({ files, dispatch, answers, api, apiUrl: deps.apiUrl });
  const historyActions = historyCommands(history, answers, dispatch);
  // The contract loads when a request file or the Endpoints view first asks for it, not here.
  const contracts = new ApiContracts(vscode.Uri.joinPath(deps.context.extensionUri, 'dist', 'apiDescriptionWorker.mjs').fsPath);
  const requestDocuments = new RequestDocuments(files);
  const diagnostics = new RequestDiagnostics(requestDocuments, contracts, deps.apiUrl);
  const endpoints = new EndpointsTree(contracts);
  return {
    commands: {
      [Commands.sendRequest]: sendRequestCommand(apiClient, dispatch, new RecentPaths(deps.context.globalState)),
      [Commands.sendRequestFile]: requests.send,
      [Commands.copyAsCurl]: requests.copyAsCurl,
      [Commands.copyAsFetch]: requests.copyAsFetch,
      [Commands.copyAsPython]: requests.copyAsPython,
      [Commands.copyAccessToken]: requests.copyAccessToken,
      [Commands.newRequestFile]: requests.newRequestFile,
      [Commands.nextPage]: requests.nextPage,
      [Commands.historyOpen]: historyActions.open,
      [Commands.historySendAgain]: historyActions.sendAgain,
      [Commands.historyCopy]: historyActions.copy,
      [Commands.historyClear]: historyActions.clear,
      [Commands.endpointsOpenRequest]: openRequestCommand(contracts),
    },
    historyTree: tree,
    requestLenses: lenses,
    answerLenses: answers,
    requestIntelliSense: new RequestIntelliSense(requestDocuments, contracts, diagnostics, deps.apiUrl),
    endpointsTree: endpoints,
    // The history is the core's: disposed with it.
    disposables: [lenses, answers, tree, contracts, diagnostics, endpoints],
  };
}
