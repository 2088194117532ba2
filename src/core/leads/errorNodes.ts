import { BoomTownError, isBoomTownError, type ErrorReason } from '../errors';
import { singleLine, TOOLTIP_MAX } from './display';
import type { ErrorNode } from './nodes';

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

/** An error as a tree row: a short headline per reason, the full (already safe) message as detail. */
export function errorNode(error: unknown, what: string): ErrorNode {
  const typed = isBoomTownError(error) ? error : new BoomTownError('malformedResponse', 'Something unexpected went wrong (see the BoomTown log).');
  const headline = HEADLINES[typed.reason] ?? `Could not load ${what}`;
  return { kind: 'error', label: headline, detail: singleLine(typed.message, TOOLTIP_MAX), reason: typed.reason };
}

/** Entries the server sent that could not be read at all; the rest of the page still shows. */
export function malformedNode(count: number, what: string): ErrorNode {
  return {
    kind: 'error',
    label: count === 1 ? `1 of the ${what} could not be read` : `${count} of the ${what} could not be read`,
    detail: 'The server sent entries without an id or of the wrong shape. Open the raw JSON to see them.',
    reason: 'malformedResponse',
  };
}
