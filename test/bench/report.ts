/** What a benchmark section hands back, and how it is printed: a table for people, JSON for scripts. */

export interface Figure {
  /** Stable camelCase name, the key in the JSON output. */
  key: string;
  label: string;
  value: number | string;
  unit?: string;
  /** What the figure is compared with: a goal ("≤ 1") or a reference ("VS Code's GitHub sign-in: 221 KB"). */
  target?: string;
  /** Whether the goal was met; left out for references and plain figures. */
  met?: boolean;
}

export interface SectionResult {
  name: string;
  title: string;
  figures: Figure[];
  /** How the figures were obtained, in one line each. */
  notes: string[];
}

export interface FailedSection {
  name: string;
  error: string;
}

export function renderTable(section: SectionResult): string {
  const header = ['Measure', 'Value', 'Goal / reference', ''];
  const rows = section.figures.map((figure) => [
    figure.label,
    formatValue(figure),
    figure.target ?? '',
    figure.met === undefined ? '' : figure.met ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const title = `== ${section.title} ==`;
  return [title, line(header), rule, ...rows.map(line), ...section.notes.map((note) => `  * ${note}`)].join('\n');
}

function formatValue(figure: Figure): string {
  const value = typeof figure.value === 'number' ? figure.value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : figure.value;
  return figure.unit ? `${value} ${figure.unit}` : value;
}

/** The JSON blob: environment, then each section's figures keyed by their stable names. */
export function toJson(results: SectionResult[], failures: FailedSection[], environment: Record<string, unknown>): Record<string, unknown> {
  const sections: Record<string, unknown> = {};
  for (const section of results) {
    const figures: Record<string, unknown> = {};
    for (const { key, label, value, unit, target, met } of section.figures) figures[key] = { value, unit, label, target, met };
    sections[section.name] = { title: section.title, figures, notes: section.notes };
  }
  for (const failure of failures) sections[failure.name] = { error: failure.error };
  return { environment, sections };
}
