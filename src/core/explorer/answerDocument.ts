import { STATUS_CODES } from 'node:http';
import { singleLine } from '../shared/plainText';
import { prettyJson } from './prettyJson';
import type { ExchangeRecord } from './exchangeRecord';

/**
 * The answer editor's text: request line, status, time and size, every response header, then the
 * body pretty-printed when it is JSON. Everything above the body is a `//` comment so the document
 * stays valid JSONC; a body that is not JSON is shown as comments too, line by line.
 */
export function renderAnswer(record: ExchangeRecord): string {
  const { request, response } = record;
  const reason = STATUS_CODES[response.status] ?? '';
  const lines = [
    `// ${request.method} ${singleLine(request.url, 2000)}`,
    `// ${response.status} ${reason} · ${response.durationMs} ms · ${formatBytes(response.bytes)}${response.attempts > 1 ? ` · ${response.attempts} attempts` : ''}`,
    ...Object.keys(response.headers)
      .sort()
      .map((name) => `// ${singleLine(name, 100)}: ${singleLine(response.headers[name], 500)}`),
  ];
  if (response.cutAt !== undefined) lines.push(`// (the history keeps the first ${response.cutAt.toLocaleString('en-US')} characters of the body)`);
  lines.push('');
  const pretty = response.cutAt === undefined ? prettyJson(response.bodyText) : undefined;
  if (pretty !== undefined) lines.push(pretty);
  else if (response.bodyText.trim() === '') lines.push('// (empty body)');
  else for (const line of response.bodyText.split(/\r\n|[\r\n\u2028\u2029]/)) lines.push(`// ${visible(line)}`);
  return `${lines.join('\n')}\n`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Tabs stay; other control characters would be invisible or upset the editor. */
function visible(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

