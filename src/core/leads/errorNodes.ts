import { BoomTownError, isBoomTownError, type ErrorReason } from '../shared/errors';
import { english, type Localize } from '../shared/localize';
import { singleLine, TOOLTIP_MAX } from '../shared/plainText';
import type { ErrorNode } from './nodes';

/** What failed to load. Each has whole sentences of its own, so a translation never glues fragments together. */
export type LoadSubject = 'leads' | 'more leads' | 'notes' | 'activity entries';
/** What a page of entries holds. */
export type ListSubject = Exclude<LoadSubject, 'more leads'>;

// English source messages, passed through the localizer when used.
const HEADLINES: Partial<Record<ErrorReason, string>> = {
  network: "Can't reach BoomTown",
  timeout: 'BoomTown did not answer in time',
  rateLimited: 'Too many requests: try again shortly',
  serverError: 'BoomTown had a problem',
  forbidden: 'Not allowed to see this',
  notFound: 'Not found',
  malformedResponse: 'Unexpected answer from the server',
  badRequest: 'The server rejected the request',
};

const COULD_NOT_LOAD: Record<LoadSubject, string> = {
  leads: 'Could not load leads',
  'more leads': 'Could not load more leads',
  notes: 'Could not load notes',
  'activity entries': 'Could not load activity entries',
};

const UNREADABLE: Record<ListSubject, { one: string; many: string }> = {
  leads: { one: '1 of the leads could not be read', many: '{0} of the leads could not be read' },
  notes: { one: '1 of the notes could not be read', many: '{0} of the notes could not be read' },
  'activity entries': { one: '1 of the activity entries could not be read', many: '{0} of the activity entries could not be read' },
};

/** An error as a tree row: a short headline per reason, the full (already safe) message as detail. */
export function errorNode(error: unknown, what: LoadSubject, localize: Localize = english): ErrorNode {
  const typed = isBoomTownError(error) ? error : new BoomTownError('malformedResponse', localize('Something unexpected went wrong (see the BoomTown log).'));
  const headline = localize(HEADLINES[typed.reason] ?? COULD_NOT_LOAD[what]);
  return { kind: 'error', label: headline, detail: singleLine(typed.message, TOOLTIP_MAX), reason: typed.reason };
}

/** Entries the server sent that could not be read at all; the rest of the page still shows. */
export function malformedNode(count: number, what: ListSubject, localize: Localize = english): ErrorNode {
  const messages = UNREADABLE[what];
  return {
    kind: 'error',
    label: count === 1 ? localize(messages.one) : localize(messages.many, count),
    detail: localize('The server sent entries without an id or of the wrong shape. Open the raw JSON to see them.'),
    reason: 'malformedResponse',
  };
}
