import * as l10n from '@vscode/l10n';
import { primaryValue } from './contactPoints';
import type { Lead, LeadEvent, Note } from '../api/apiTypes';
import { DESCRIPTION_MAX, LABEL_MAX, multiLine, singleLine, TOOLTIP_MAX } from '../shared/plainText';

/** Codicon ids, one per lead stage (unknown or missing stages share one). */
export type StageIcon = 'circle-outline' | 'call-outgoing' | 'heart' | 'flame' | 'law' | 'pass-filled' | 'archive' | 'question';

const STAGE_ICONS: Record<string, StageIcon> = {
  new: 'circle-outline',
  attempted_contact: 'call-outgoing',
  nurture: 'heart',
  active: 'flame',
  under_contract: 'law',
  closed: 'pass-filled',
  archived: 'archive',
};

export function stageIcon(stage: string | undefined): StageIcon {
  return (stage !== undefined && Object.hasOwn(STAGE_ICONS, stage) && STAGE_ICONS[stage]) || 'question';
}

/** "attempted_contact" -> "attempted contact": machine words made readable, nothing else changed. */
function humanize(word: string | undefined): string {
  return singleLine((word ?? '').replace(/_/g, ' '), DESCRIPTION_MAX);
}

export function fullName(first: string | undefined, last: string | undefined): string {
  return singleLine([first, last].filter(Boolean).join(' '), Number.MAX_SAFE_INTEGER);
}

/** The name, else the primary email, else the id: a lead always has a readable label. */
export function leadLabel(lead: Lead): string {
  for (const candidate of [fullName(lead.firstName, lead.lastName), primaryValue(lead.emails), lead.id]) {
    const label = singleLine(candidate, LABEL_MAX);
    if (label) return label;
  }
  return l10n.t('(no name)');
}

export function leadDescription(lead: Lead): string {
  const parts = [humanize(lead.stage), singleLine(lead.source, DESCRIPTION_MAX)].filter(Boolean);
  if (lead.warnings.length) parts.push(l10n.t('⚠ incomplete'));
  return singleLine(parts.join(' · '), DESCRIPTION_MAX);
}

/**
 * One line per fact; each field is flattened first, so a newline inside a value cannot fake another line.
 * Field values only ever go in as l10n.t arguments (a nested result included), never as the message.
 */
export function leadTooltip(lead: Lead): string {
  const flat = (value: unknown) => singleLine(value, Number.MAX_SAFE_INTEGER);
  const contactPoint = (point: Lead['emails'][number]) => {
    const value = point.type ? l10n.t('{0} ({1})', flat(point.value), flat(point.type)) : flat(point.value);
    return point.isPrimary ? l10n.t('{0} · primary', value) : value;
  };
  return multiLine(
    [
      fullName(lead.firstName, lead.lastName) || flat(lead.id),
      ...lead.emails.map((point) => l10n.t('Email: {0}', contactPoint(point))),
      ...lead.phones.map((point) => l10n.t('Phone: {0}', contactPoint(point))),
      lead.stage ? l10n.t('Stage: {0}', humanize(lead.stage)) : '',
      lead.source ? l10n.t('Source: {0}', flat(lead.source)) : '',
      ...lead.warnings.map((warning) => l10n.t('⚠ {0}', flat(warning))),
    ],
    TOOLTIP_MAX,
  );
}

/** ISO timestamps as "2026-09-01 14:03"; anything else shown as (cleaned) text. */
export function shortDate(value: string | undefined): string {
  if (!value) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return match ? `${match[1]} ${match[2]}` : singleLine(value, 40);
}

export function noteLabel(note: Note): string {
  return singleLine(note.body, LABEL_MAX) || l10n.t('(empty note)');
}

export function noteTooltip(note: Note): string {
  return multiLine([note.body, note.authorId ? l10n.t('By {0}', note.authorId) : '', shortDate(note.createdAt)], TOOLTIP_MAX);
}

export function eventLabel(event: LeadEvent): string {
  const type = humanize(event.type);
  return singleLine(type.charAt(0).toUpperCase() + type.slice(1), LABEL_MAX) || l10n.t('(activity)');
}

/** Event details are free-form: each entry as "key: value", nested values as compact JSON. */
export function eventTooltip(event: LeadEvent): string {
  const details = Object.entries(event.details ?? {}).map(([key, value]) =>
    l10n.t('{0}: {1}', key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)),
  );
  return multiLine([eventLabel(event), shortDate(event.occurredAt), ...details], TOOLTIP_MAX);
}
