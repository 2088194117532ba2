import * as vscode from 'vscode';
import { shownText } from '../../core/shared/shownText';
import { notify } from '../shared/notify';
import { AUTH_PROVIDER_ID, DEFAULT_SCOPES } from '../../constants';
import type { BoomTownApi } from '../../core/api/boomtownApi';
import { toSnippet, type SnippetLanguage } from '../../core/explorer/codeSnippets';
import type { SentRequest } from '../../core/explorer/exchangeRecord';
import { withOffset, nextPageOffset } from '../../core/explorer/nextPage';
import { buildRequest } from '../../core/explorer/requestFile/requestBuilder';
import { newRequestFileText } from '../../core/explorer/requestFile/newRequestFile';
import { BoomTownError, userFacingError } from '../../core/shared/errors';
import type { CommandHandler } from '../shared/commands';
import { pickAccount } from './accountTokens';
import type { AnswerEditor } from './answerEditor';
import type { RequestDispatch } from './requestDispatch';
import type { RequestFiles } from './requestFiles';

interface RequestCommandDeps {
  files: RequestFiles;
  dispatch: RequestDispatch;
  answers: AnswerEditor;
  api: BoomTownApi;
  apiUrl: () => string;
}

type RequestCommand = 'send' | 'copyAsCurl' | 'copyAsFetch' | 'copyAsPython' | 'copyAccessToken' | 'newRequestFile' | 'nextPage';

/** Commands of request files and their answers; each resolves the request, then hands it on. */
export function requestCommands(deps: RequestCommandDeps): Record<RequestCommand, CommandHandler> {
  const { files, dispatch, answers } = deps;

  /** The request at (uri, line), variables resolved, as it would be sent (no token). */
  async function resolved(uri?: vscode.Uri | string, line?: number): Promise<SentRequest> {
    const { document, file, block } = await files.at(uri, line);
    const built = buildRequest(block, file, deps.apiUrl());
    return { ...built, source: document.uri.toString() };
  }

  const copyAs = (language: SnippetLanguage) => async (uri?: vscode.Uri | string, line?: number) => {
    const text = toSnippet(await resolved(uri, line), language);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the request as {0}; the token is read from ${1}', language, 'BOOMTOWN_ACCESS_TOKEN'), 3000);
    return text;
  };

  return {
    send: async (uri?: vscode.Uri | string, line?: number) => (await dispatch.send(await resolved(uri, line))).response.status,
    copyAsCurl: copyAs('curl'),
    copyAsFetch: copyAs('fetch'),
    copyAsPython: copyAs('python'),
    copyAccessToken: async () => {
      const copy = vscode.l10n.t('Copy Token');
      const choice = await notify(
        'warning',
        shownText(vscode.l10n.t('Copy your BoomTown access token to the clipboard?')),
        { modal: true, detail: shownText(vscode.l10n.t('Anyone who gets it can act as you in BoomTown until it expires. Snippets copied from request files read it from $BOOMTOWN_ACCESS_TOKEN instead.')) },
        copy,
      );
      if (choice !== copy) return;
      const account = await pickAccount(undefined);
      const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { account, silent: true });
      if (!session) throw new BoomTownError('notSignedIn', 'Not signed in to BoomTown.');
      await vscode.env.clipboard.writeText(session.accessToken);
      vscode.window.setStatusBarMessage(shownText(vscode.l10n.t('Copied the access token of {0}'), account.label).text, 3000);
    },
    newRequestFile: async () => {
      // A real lead id makes "One lead" and its notes and events answer at once; without a session the example id stays.
      const first = await deps.api.listLeads({ limit: 1 }).catch(() => undefined);
      const document = await vscode.workspace.openTextDocument(await freeUntitledUri());
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), newRequestFileText(first?.data.items[0]?.id));
      await vscode.workspace.applyEdit(edit);
      await vscode.window.showTextDocument(document);
      return document.uri.toString();
    },
    nextPage: async (answerUri?: string) => {
      const record = answers.recordAt(answerUri);
      const offset = record && nextPageOffset(record);
      if (!record || offset === undefined) throw userFacingError('badInput', vscode.l10n.t('This answer has no next page.'));
      return (await dispatch.send(withOffset(record.request, offset))).response.status;
    },
  };
}

/** `untitled:boomtown-requests.http`, or -2, -3… when that one is already open. */
async function freeUntitledUri(): Promise<vscode.Uri> {
  const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `boomtown-requests${n === 1 ? '' : `-${n}`}.http` });
    if (!open.has(uri.toString())) return uri;
  }
}
