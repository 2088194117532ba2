import { singleLine } from '../shared/plainText';
import { prettyJson } from './prettyJson';
import type { RawExchange } from '../api/apiTypes';

/** Response headers worth seeing at the top of a raw document; the rest are noise. */
const SHOWN_HEADERS = ['content-type', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'www-authenticate', 'x-request-id'];

/**
 * The content of a read-only `jsonc` document for one exchange: request line, status and timing as
 * `//` comments, then the body pretty-printed. A body that is not JSON is shown line by line as
 * `//` comments, so the document stays valid JSONC and nothing in the body can end a comment early.
 */
export function renderRawDocument(raw: RawExchange): string {
  const lines = [
    `// ${raw.method} ${singleLine(raw.url, 2000)}`,
    `// ${raw.status} · ${raw.durationMs} ms${raw.attempts > 1 ? ` · ${raw.attempts} attempts` : ''}`,
    ...SHOWN_HEADERS.filter((name) => raw.headers[name] !== undefined).map((name) => `// ${name}: ${singleLine(raw.headers[name], 500)}`),
  ];
  const pretty = prettyJson(raw.bodyText);
  if (pretty !== undefined) {
    lines.push(pretty);
  } else if (raw.bodyText.trim() === '') {
    lines.push('// (empty body)');
  } else {
    lines.push('// The body is not JSON; it follows as comments:');
    for (const line of raw.bodyText.split(/\r\n|[\r\n\u2028\u2029]/)) lines.push(`//   ${visible(line)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Tabs stay (indentation); other control characters would be invisible or upset the editor. */
function visible(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}
