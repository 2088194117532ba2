import type { Lead } from '../api/apiTypes';
import type { ErrorReason } from '../shared/errors';
import type { StageIcon } from './leadDisplay';

/** Tree nodes as plain data; the vscode TreeDataProvider maps each to one TreeItem. All text is already safe plain text. */
export type LeadNode =
  | { kind: 'lead'; id: string; label: string; description: string; tooltip: string; icon: StageIcon; lead: Lead }
  | { kind: 'loadMore'; parentId?: string; label: string }
  | { kind: 'empty'; label: string }
  | { kind: 'error'; label: string; detail: string; reason: ErrorReason }
  | { kind: 'signedOut' }
  | { kind: 'loading'; label: string }
  | { kind: 'section'; id: string; leadId: string; section: 'notes' | 'events'; label: string }
  | { kind: 'note'; id: string; label: string; description: string; tooltip: string }
  | { kind: 'event'; id: string; label: string; description: string; tooltip: string };

export type SectionNode = Extract<LeadNode, { kind: 'section' }>;
export type ErrorNode = Extract<LeadNode, { kind: 'error' }>;
export type { StageIcon };
