import * as vscode from 'vscode';
import { safeMessage } from '../../core/shared/plainText';
import { AUTH_PROVIDER_ID, DEFAULT_SCOPES } from '../../constants';
import { tokensFromSessions, type TokenSource } from '../../core/api/tokenSource';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import { BoomTownError } from '../../core/shared/errors';
import { namedAccount } from '../../core/explorer/requestAccount';

/**
 * Which account sends a request: the one a `# @account email` line names, else the only one signed
 * in, else the one the user picks. With nobody signed in, sign-in starts as for any other command.
 */
export async function pickAccount(named: string | undefined): Promise<vscode.AuthenticationSessionAccountInformation> {
  const accounts = await vscode.authentication.getAccounts(AUTH_PROVIDER_ID);
  if (named !== undefined) return namedAccount(named, accounts);
  if (accounts.length === 1) return accounts[0];
  if (accounts.length === 0) return (await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true })).account;
  const picked = await vscode.window.showQuickPick(
    accounts.map((account) => ({ label: safeMessage(account.label), account })),
    { title: vscode.l10n.t('Send as which BoomTown account?'), placeHolder: vscode.l10n.t('Add a "# @account email" line to the request to skip this question') },
  );
  if (!picked) throw new BoomTownError('cancelled', 'No account picked.');
  return picked.account;
}

/** The access token of one account, refreshed once after a 401 exactly as for every other API call. */
export function accountTokenSource(service: SessionService, account: vscode.AuthenticationSessionAccountInformation): TokenSource {
  return tokensFromSessions(async () => vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { account, silent: true }), service);
}
