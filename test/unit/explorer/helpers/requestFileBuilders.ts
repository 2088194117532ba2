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
