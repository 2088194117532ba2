import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands, Views } from '../../constants';
import type { BoomTownApi } from '../../core/api/boomtownApi';
import type { HttpClient } from '../../core/api/httpClient';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import { RequestHistory } from '../../core/explorer/requestHistory';
import { RequestSender } from '../../core/explorer/requestSender';
import { systemClock } from '../../core/shared/ports';
import type { CommandHandler, CommandId } from '../shared/commands';
import { AnswerEditor, ANSWER_SELECTOR } from './answerEditor';
import { historyCommands, HistoryTree } from './historyView';
import { HttpHighlighting } from './httpHighlighting';
import type { RawDocuments } from './rawDocuments';
import { RecentPaths } from './recentPaths';
import { RequestCodeLens } from './requestCodeLens';
import { requestCommands } from './requestCommands';
import { RequestDispatch } from './requestDispatch';
import { REQUEST_FILE_SELECTOR, RequestFiles } from './requestFiles';
import { sendRequestCommand } from './sendRequestCommand';

export interface ExplorerDeps {
  context: vscode.ExtensionContext;
  service: SessionService;
  http: HttpClient;
  api: BoomTownApi;
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
  | typeof Commands.historyClear;

/** The API explorer: request files, their answers, the history and "Send Request…", built and wired. */
export function createExplorer(deps: ExplorerDeps): { commands: Record<ExplorerCommandId & CommandId, CommandHandler>; disposables: vscode.Disposable[] } {
  const history = new RequestHistory(deps.context.workspaceState);
  const sender = new RequestSender({ http: deps.http, history, clock: systemClock, newId: randomUUID });
  const answers = new AnswerEditor(deps.documents);
  const dispatch = new RequestDispatch(sender, deps.service, answers, deps.apiUrl);
  const files = new RequestFiles();
  const lenses = new RequestCodeLens(files, deps.apiUrl);
  const tree = new HistoryTree(history);
  const requests = requestCommands({ files, dispatch, answers, api: deps.api, apiUrl: deps.apiUrl });
  const historyActions = historyCommands(history, answers, dispatch);
  return {
    commands: {
      [Commands.sendRequest]: sendRequestCommand(deps.http, dispatch, new RecentPaths(deps.context.globalState)),
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
    },
    disposables: [
      history,
      lenses,
      answers,
      tree,
      new HttpHighlighting(),
      vscode.languages.registerCodeLensProvider(REQUEST_FILE_SELECTOR, lenses),
      vscode.languages.registerCodeLensProvider(ANSWER_SELECTOR, answers),
      vscode.window.createTreeView(Views.requestHistory, { treeDataProvider: tree }),
    ],
  };
}
