import { BoomTownError, isBoomTownError, type ErrorReason } from '../shared/errors';
import { english, type Localize, l10n } from '../shared/localize';
import { singleLine, TOOLTIP_MAX } from '../shared/plainText';
import type { ErrorNode } from './nodes';

/** What failed to load. Each has whole sentences of its own, so a translation never glues fragments together. */
type LoadSubject = 'leads' | 'more leads' | 'notes' | 'activity entries';
/** What a page of entries holds. */
type ListSubject = Exclude<LoadSubject, 'more leads'>;

// English source messages, marked for the l10n scanner and passed through the localizer when used.
const HEADLINES: Partial<Record<ErrorReason, string>> = {
  network: l10n.t("Can't reach BoomTown"),
  timeout: l10n.t('BoomTown did not answer in time'),
  rateLimited: l10n.t('Too many requests: try again shortly'),
  serverError: l10n.t('BoomTown had a problem'),
  forbidden: l10n.t('Not allowed to see this'),
  notFound: l10n.t('Not found'),
  malformedResponse: l10n.t('Unexpected answer from the server'),
  badRequest: l10n.t('The server rejected the request'),
};

const COULD_NOT_LOAD: Record<LoadSubject, string> = {
  leads: l10n.t('Could not load leads'),
  'more leads': l10n.t('Could not load more leads'),
  notes: l10n.t('Could not load notes'),
  'activity entries': l10n.t('Could not load activity entries'),
};

const UNREADABLE: Record<ListSubject, { one: string; many: string }> = {
  leads: { one: l10n.t('1 of the leads could not be read'), many: l10n.t('{0} of the leads could not be read') },
  notes: { one: l10n.t('1 of the notes could not be read'), many: l10n.t('{0} of the notes could not be read') },
  'activity entries': { one: l10n.t('1 of the activity entries could not be read'), many: l10n.t('{0} of the activity entries could not be read') },
};

/** An error as a tree row: a short headline per reason, the full (already safe) message as detail. */
export function errorNode(error: unknown, what: LoadSubject, localize: Localize = english): ErrorNode {
  const typed = isBoomTownError(error) ? error : new BoomTownError('malformedResponse', localize(l10n.t('Something unexpected went wrong (see the BoomTown log).')));
  const headline = localize(HEADLINES[typed.reason] ?? COULD_NOT_LOAD[what]);
  return { kind: 'error', label: headline, detail: singleLine(typed.message, TOOLTIP_MAX), reason: typed.reason };
}

/** Entries the server sent that could not be read at all; the rest of the page still shows. */
export function malformedNode(count: number, what: ListSubject, localize: Localize = english): ErrorNode {
  const messages = UNREADABLE[what];
  return {
    kind: 'error',
    label: count === 1 ? localize(messages.one) : localize(messages.many, count),
    detail: localize(l10n.t('The server sent entries without an id or of the wrong shape. Open the raw JSON to see them.')),
    reason: 'malformedResponse',
  };
}
