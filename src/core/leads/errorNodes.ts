import * as l10n from '@vscode/l10n';
import { BoomTownError, isBoomTownError } from '../shared/errors';
import { rowHeadline } from '../shared/failures';
import { singleLine, TOOLTIP_MAX } from '../shared/plainText';
import type { ErrorNode } from './nodes';

/** What failed to load. Each has whole sentences of its own, so a translation never glues fragments together. */
type LoadSubject = 'leads' | 'more leads' | 'notes' | 'activity entries';
/** What a page of entries holds. */
type ListSubject = Exclude<LoadSubject, 'more leads'>;

// Functions, not strings: l10n.t translates when called, and the bundle arrives after load.
const COULD_NOT_LOAD: Record<LoadSubject, () => string> = {
  leads: () => l10n.t('Could not load leads'),
  'more leads': () => l10n.t('Could not load more leads'),
  notes: () => l10n.t('Could not load notes'),
  'activity entries': () => l10n.t('Could not load activity entries'),
};

const UNREADABLE: Record<ListSubject, (count: number) => string> = {
  leads: (count) => (count === 1 ? l10n.t('1 of the leads could not be read') : l10n.t('{0} of the leads could not be read', count)),
  notes: (count) => (count === 1 ? l10n.t('1 of the notes could not be read') : l10n.t('{0} of the notes could not be read', count)),
  'activity entries': (count) =>
    count === 1 ? l10n.t('1 of the activity entries could not be read') : l10n.t('{0} of the activity entries could not be read', count),
};

/** An error as a tree row: the failure table's headline for its reason, the full (already safe) message as detail. */
export function errorNode(error: unknown, what: LoadSubject): ErrorNode {
  const typed = isBoomTownError(error) ? error : new BoomTownError('malformedResponse', l10n.t('Something unexpected went wrong (see the BoomTown log).'));
  const headline = rowHeadline(typed.reason) ?? COULD_NOT_LOAD[what]();
  return { kind: 'error', label: headline, detail: singleLine(typed.message, TOOLTIP_MAX), reason: typed.reason };
}

/** Entries the server sent that could not be read at all; the rest of the page still shows. */
export function malformedNode(count: number, what: ListSubject): ErrorNode {
  return {
    kind: 'error',
    label: UNREADABLE[what](count),
    detail: l10n.t('The server sent entries without an id or of the wrong shape. Open the raw JSON to see them.'),
    reason: 'malformedResponse',
  };
}
