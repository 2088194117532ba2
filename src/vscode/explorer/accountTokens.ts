import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, DEFAULT_SCOPES } from '../../constants';
import { tokensFromSessions, type TokenSource } from '../../core/api/tokenSource';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import { BoomTownError, userFacingError } from '../../core/shared/errors';

/**
 * Which account sends a request: the one a `# @account email` line names, else the only one signed
 * in, else the one the user picks. With nobody signed in, sign-in starts as for any other command.
 */
export async function pickAccount(named: string | undefined): Promise<vscode.AuthenticationSessionAccountInformation> {
  const accounts = await vscode.authentication.getAccounts(AUTH_PROVIDER_ID);
  if (named !== undefined) {
    const wanted = named.trim().toLowerCase();
    const account = accounts.find((candidate) => candidate.label.toLowerCase() === wanted || candidate.id.toLowerCase() === wanted);
    if (!account) throw userFacingError('badInput', 'The request names the account {0}, which is not signed in to BoomTown. Sign in with it, or change its "# @account" line.', [named]);
    return account;
  }
  if (accounts.length === 1) return accounts[0];
  if (accounts.length === 0) return (await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true })).account;
  const picked = await vscode.window.showQuickPick(
    accounts.map((account) => ({ label: account.label, account })),
    { title: vscode.l10n.t('Send as which BoomTown account?'), placeHolder: vscode.l10n.t('Add a "# @account email" line to the request to skip this question') },
  );
  if (!picked) throw new BoomTownError('cancelled', 'No account picked.');
  return picked.account;
}

/** The access token of one account, refreshed once after a 401 exactly as for every other API call. */
export function accountTokenSource(service: SessionService, account: vscode.AuthenticationSessionAccountInformation): TokenSource {
  return tokensFromSessions(async () => vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { account, silent: true }), service);
}
