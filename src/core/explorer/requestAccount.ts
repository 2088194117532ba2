import * as l10n from '@vscode/l10n';
import { userFacingError } from '../shared/errors';

/**
 * The signed-in account a request file's `# @account` line names (by label or id, any case).
 * The name comes from the file, so it travels in the error's arguments only: the boundary defuses it.
 */
export function namedAccount<Account extends { id: string; label: string }>(named: string, accounts: readonly Account[]): Account {
  const wanted = named.trim().toLowerCase();
  const account = accounts.find((candidate) => candidate.label.toLowerCase() === wanted || candidate.id.toLowerCase() === wanted);
  if (!account) {
    throw userFacingError('badInput', l10n.t('The request names the account {0}, which is not signed in to BoomTown. Sign in with it, or change its "# @account" line.'), [named]);
  }
  return account;
}
