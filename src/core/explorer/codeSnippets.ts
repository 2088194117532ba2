import type { SentRequest } from './exchangeRecord';

/** The environment variable every snippet reads the token from: a copied snippet never holds a token. */
const TOKEN_ENV_VAR = 'BOOMTOWN_ACCESS_TOKEN';

export type SnippetLanguage = 'curl' | 'fetch' | 'python';

/** Headers as the snippet sends them: Accept as the extension sends it, Authorization as a placeholder. */
function snippetHeaders(request: SentRequest): Array<[string, string]> {
  const written = request.headers.filter(([name]) => name.toLowerCase() !== 'authorization');
  const accept: Array<[string, string]> = written.some(([name]) => name.toLowerCase() === 'accept') ? [] : [['Accept', 'application/json']];
  return [...accept, ...written];
}

export function toSnippet(request: SentRequest, language: SnippetLanguage): string {
  switch (language) {
    case 'curl':
      return toCurl(request);
    case 'fetch':
      return toFetch(request);
    case 'python':
      return toPython(request);
  }
}

function toCurl(request: SentRequest): string {
  const parts = ['curl'];
  if (request.method === 'HEAD') parts.push('--head');
  else if (request.method !== 'GET') parts.push(`-X ${request.method}`);
  parts.push(shellQuote(request.url));
  for (const [name, value] of snippetHeaders(request)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  // Double quotes so the shell expands the variable; nothing else is inside them.
  parts.push(`-H "Authorization: Bearer $${TOKEN_ENV_VAR}"`);
  if (request.body !== undefined) parts.push(`--data-raw ${shellQuote(request.body)}`);
  return `${parts.join(' \\\n  ')}\n`;
}

function toFetch(request: SentRequest): string {
  const headers = snippetHeaders(request).map(([name, value]) => `    ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
  headers.push(`    Authorization: \`Bearer \${process.env.${TOKEN_ENV_VAR}}\`,`);
  const lines = [
    `const response = await fetch(${JSON.stringify(request.url)}, {`,
    `  method: ${JSON.stringify(request.method)},`,
    '  headers: {',
    ...headers,
    '  },',
    ...(request.body === undefined ? [] : [`  body: ${JSON.stringify(request.body)},`]),
    '});',
    'console.log(response.status, await response.text());',
  ];
  return `${lines.join('\n')}\n`;
}

function toPython(request: SentRequest): string {
  const headers = snippetHeaders(request).map(([name, value]) => `        ${pythonString(name)}: ${pythonString(value)},`);
  headers.push(`        "Authorization": "Bearer " + os.environ["${TOKEN_ENV_VAR}"],`);
  const lines = [
    'import os',
    '',
    'import requests',
    '',
    'response = requests.request(',
    `    ${pythonString(request.method)},`,
    `    ${pythonString(request.url)},`,
    '    headers={',
    ...headers,
    '    },',
    ...(request.body === undefined ? [] : [`    data=${pythonString(request.body)}.encode("utf-8"),`]),
    ')',
    'print(response.status_code, response.text)',
  ];
  return `${lines.join('\n')}\n`;
}

/** POSIX single quotes: nothing inside is expanded; a quote is closed, escaped and reopened. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A JSON string literal is a valid Python string literal (same escapes); `\/` never appears. */
function pythonString(text: string): string {
  return JSON.stringify(text);
}
