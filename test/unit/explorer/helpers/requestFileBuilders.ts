/** Request-file text from lines, so test tables read like the files people write. */
export function file(...lines: string[]): string {
  return lines.join('\n');
}

/** A file of `count` requests, each with a name, a header and (every third) a JSON body. */
export function manyRequests(count: number, lineEnd = '\n'): string {
  const parts = ['@api = {{boomtown.apiUrl}}', '@limit = 5', ''];
  for (let i = 0; i < count; i++) {
    parts.push(`### request ${i}`, `GET {{api}}/v1/leads?limit={{limit}}&offset=${i}`, 'Accept: application/json', '');
    if (i % 3 === 0) parts.push(`### note ${i}`, `POST /v1/leads/L-${10001 + i}/notes`, 'X-Trace: bench', '', `{"body": "note ${i}"}`, '');
  }
  return parts.join(lineEnd);
}

/**
 * About `bytes` of request file made to slow a backtracking parser: each request carries long runs
 * of spaces and tabs (in its request line, a header and a variable), an unclosed `{{`, `?&=` runs
 * and an unclosed quote in its body. A repository could hold it; every CodeLens pass reads it.
 */
export function adversarialRequestFile(bytes: number, runLength = 20_000): string {
  const spaces = ' '.repeat(runLength);
  const tabs = '\t'.repeat(runLength);
  const block = [
    `# @name a${spaces}b`,
    `@v = a${tabs}b`,
    `GET /v1/leads${spaces}x${tabs}HTTP/x`,
    `?${'?&='.repeat(runLength / 3)}`,
    `X-A: a${spaces}b`,
    `X-B: {{${spaces}`,
    '',
    `{"a": "${'\\" '.repeat(runLength / 3)}`,
    '###',
    '',
  ].join('\n');
  return block.repeat(Math.max(1, Math.ceil(bytes / block.length)));
}
