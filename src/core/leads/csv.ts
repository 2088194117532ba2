import { joinValues, primaryValue } from './contactPoints';
import type { Lead } from '../api/apiTypes';

/** One column of the export: a header and how to read it from a lead. */
interface Column {
  header: string;
  value: (lead: Lead) => string | undefined;
}

const COLUMNS: Column[] = [
  { header: 'id', value: (lead) => lead.id },
  { header: 'firstName', value: (lead) => lead.firstName },
  { header: 'lastName', value: (lead) => lead.lastName },
  { header: 'email', value: (lead) => primaryValue(lead.emails) },
  { header: 'emails', value: (lead) => joinValues(lead.emails) },
  { header: 'phone', value: (lead) => primaryValue(lead.phones) },
  { header: 'phones', value: (lead) => joinValues(lead.phones) },
  { header: 'stage', value: (lead) => lead.stage },
  { header: 'leadType', value: (lead) => lead.leadType },
  { header: 'source', value: (lead) => lead.source },
  { header: 'assignedAgentId', value: (lead) => lead.assignedAgentId },
  { header: 'tags', value: (lead) => lead.tags.join('; ') },
  { header: 'street', value: (lead) => lead.address?.street },
  { header: 'city', value: (lead) => lead.address?.city },
  { header: 'state', value: (lead) => lead.address?.state },
  { header: 'zip', value: (lead) => lead.address?.zip },
  { header: 'country', value: (lead) => lead.address?.country },
  { header: 'createdAt', value: (lead) => lead.createdAt },
  { header: 'updatedAt', value: (lead) => lead.updatedAt },
  { header: 'lastActivityAt', value: (lead) => lead.lastActivityAt },
];

/** RFC 4180 CSV (CRLF, quotes doubled), one row per lead, formula-looking cells defused. */
export function toCsv(leads: Lead[]): string {
  const rows = [COLUMNS.map((column) => column.header), ...leads.map((lead) => COLUMNS.map((column) => column.value(lead) ?? ''))];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One cell. Spreadsheets run a cell starting with = + - @ (or a tab/CR that hides one) as a
 * formula, and lead data is typed by the public: such cells get a leading apostrophe (OWASP).
 */
function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

/** The JSON export: the server's own objects, unknown fields included. */
export function toJson(leads: Lead[]): string {
  return JSON.stringify(
    leads.map((lead) => lead.raw),
    null,
    2,
  ) + '\n';
}
