import * as vscode from 'vscode';
import { shownText } from '../../core/shared/shownText';
import { abortSignalOf } from '../shared/abortSignal';
import { notify } from '../shared/notify';
import { reportWait } from '../shared/progressWaits';
import type { Core } from '../../core';
import type { ExchangeRecord, SentRequest } from '../../core/explorer/exchangeRecord';
import { boomTownUrl } from '../../core/explorer/requestFile/requestBuilder';
import { hostAndPath, needsConfirmation } from '../../core/explorer/sendPolicy';
import { BoomTownError, userFacingError } from '../../core/shared/errors';
import { accountTokenSource, pickAccount } from './accountTokens';
import type { AnswerEditor } from './answerEditor';

/**
 * Sends one request the way every explorer command does: confirm what may change data, pick the
 * account, send with a cancellable progress notification, show the answer, return its status.
 */
export class RequestDispatch {
  constructor(
    private readonly core: Pick<Core, 'requestSender' | 'sessions' | 'tokens'>,
    private readonly answers: AnswerEditor,
    private readonly apiUrl: () => string,
  ) {}

  async send(request: SentRequest, placement: 'beside' | 'active' = 'beside'): Promise<ExchangeRecord> {
    // A history entry may be from before the API setting changed: it no longer gets the session.
    if (!boomTownUrl(request.url, this.apiUrl())) {
      throw userFacingError('badInput', vscode.l10n.t('This request goes to {0}, which is not the configured BoomTown API ({1}) any more.'), [hostAndPath(request.url), this.apiUrl()]);
    }
    await confirmIfWriting(request);
    const tokens = request.ownAuthorization ? this.core.tokens : accountTokenSource(this.core.sessions, await pickAccount(request.account));
    const record = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: shownText(vscode.l10n.t('{0} {1}'), request.method, hostAndPath(request.url)).text, cancellable: true },
      (progress, token) => this.core.requestSender.send(request, tokens, { cancellation: abortSignalOf(token), onWait: reportWait(progress) }),
    );
    await this.answers.show(record, placement);
    return record;
  }
}

async function confirmIfWriting(request: SentRequest): Promise<void> {
  if (!needsConfirmation(request.method, request.url)) return;
  const send = vscode.l10n.t('Send');
  const choice = await notify(
    'warning',
    shownText(vscode.l10n.t('Send {0} to {1}?'), request.method, hostAndPath(request.url)),
    { modal: true, detail: shownText(vscode.l10n.t('This may change data in BoomTown. The API contract documents only GET requests; the answer is shown as the server sends it.')) },
    send,
  );
  if (choice !== send) throw new BoomTownError('cancelled', 'The request was not confirmed.');
}


/** A history entry or answer argument that named nothing we know. */
export function gone(): BoomTownError {
  return userFacingError('badInput', vscode.l10n.t('That request is no longer in the history.'));
}
