import type { FileVariable, RequestBlock, RequestFile, WrittenHeader } from './requestFileTypes';

/**
 * Reads the request-file format REST Client, the JetBrains HTTP Client and httpYac share:
 * blocks separated by `###` lines (text after it names the request), `@name = value` file
 * variables, `#` and `//` comments (`# @name`, `# @account` are read), the request line
 * `[METHOD] URL [HTTP/x]`, query continuation lines starting with `?` or `&`, headers up to the
 * first blank line, then the body. Pure and single-pass: a 1,000-request file parses in a few ms.
 */
export function parseRequestFile(text: string): RequestFile {
  const lines = text.split(/\r\n|\r|\n/);
  const variables = new Map<string, FileVariable>();
  const requests: RequestBlock[] = [];
  // A block owns its `###` line, so a cursor on the separator sends the request it names.
  let blockStart = 0;
  let blockName: string | undefined;
  for (let line = 0; line <= lines.length; line++) {
    const separator = line < lines.length ? SEPARATOR.exec(lines[line]) : null;
    if (line < lines.length && !separator) continue;
    const block = readBlock(lines, blockStart, line - 1, blockName, variables);
    if (block) requests.push(block);
    blockStart = line;
    blockName = separator?.[1].trim() || undefined;
  }
  return { variables, requests };
}

const SEPARATOR = /^###(.*)$/;
const COMMENT = /^\s*(#|\/\/)/;
const METHOD = /^(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE|TRACE|CONNECT)\s/;
const QUERY_CONTINUATION = /^\s*[?&]/;
/** A header's name and colon; the value is the rest of the line, trimmed. */
const HEADER_NAME = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:/;
const VARIABLE_NAME = /^@([A-Za-z_][\w.-]*)/;
const META_KEYWORD = /^@(name|account)\s/i;
const HTTP_VERSION = /^HTTP\/[\d.]+$/;

/*
 * The file comes from a repository: every pattern here is anchored at the start and none is followed
 * by another quantified part that can match the same characters, so each line is read in linear
 * time. Trailing whitespace is cut with trim(), not with a lazy `(.*?)\s*$` (which backtracks
 * quadratically over a long run of spaces or tabs followed by anything else).
 */

/** `# @name value` / `// @account value`: the keyword in lower case and the trimmed value, else undefined. */
function readMeta(line: string): { key: string; value: string } | undefined {
  const text = line.trimStart();
  const marker = text.startsWith('#') ? 1 : text.startsWith('//') ? 2 : 0;
  if (marker === 0) return undefined;
  const rest = text.slice(marker).trimStart();
  const keyword = META_KEYWORD.exec(rest);
  if (!keyword) return undefined;
  const value = rest.slice(keyword[1].length + 1).trim();
  return value === '' ? undefined : { key: keyword[1].toLowerCase(), value };
}

/** `@name = value`: the name and the trimmed value, else undefined. */
function readVariable(line: string): { name: string; value: string } | undefined {
  const text = line.trimStart();
  const name = VARIABLE_NAME.exec(text);
  if (!name) return undefined;
  const rest = text.slice(name[0].length).trimStart();
  return rest.startsWith('=') ? { name: name[1], value: rest.slice(1).trim() } : undefined;
}

/** `[METHOD] target [HTTP/x]`: the method when one is written, and the target. */
function readRequestLine(line: string): { method?: string; target: string } {
  const text = line.trim();
  const method = METHOD.exec(text);
  const rest = method ? text.slice(method[1].length).trimStart() : text;
  const target = withoutVersion(rest);
  return method ? { method: method[1], target } : { target };
}

/** The target without a trailing ` HTTP/1.1` (only when something precedes it). */
function withoutVersion(text: string): string {
  let end = text.length;
  while (end > 0 && !isSpace(text[end - 1])) end--;
  const version = text.slice(end);
  if (end === 0 || !HTTP_VERSION.test(version)) return text;
  return text.slice(0, end).trimEnd();
}

function isSpace(char: string): boolean {
  return char.trim() === '';
}

function readHeader(line: string): { name: string; value: string } | undefined {
  const name = HEADER_NAME.exec(line);
  return name ? { name: name[1], value: line.slice(name[0].length).trim() } : undefined;
}

function readBlock(lines: string[], first: number, last: number, name: string | undefined, variables: Map<string, FileVariable>): RequestBlock | undefined {
  let line = first < lines.length && SEPARATOR.test(lines[first]) ? first + 1 : first;
  let account: string | undefined;
  // Before the request line: blank lines, comments (some carry metadata) and file variables.
  for (; line <= last; line++) {
    const text = lines[line];
    if (text.trim() === '') continue;
    const meta = readMeta(text);
    if (meta) {
      if (meta.key === 'name') name ??= meta.value;
      else account = meta.value;
      continue;
    }
    if (COMMENT.test(text)) continue;
    const variable = readVariable(text);
    if (variable) {
      variables.set(variable.name, { name: variable.name, value: variable.value, line });
      continue;
    }
    break;
  }
  if (line > last) return undefined;
  const requestLine = line;
  const { method, target: written } = readRequestLine(lines[line]);
  let target = written;
  for (line++; line <= last && QUERY_CONTINUATION.test(lines[line]); line++) target += lines[line].trim();

  const headers: WrittenHeader[] = [];
  for (; line <= last; line++) {
    const text = lines[line];
    if (text.trim() === '') {
      line++;
      break;
    }
    if (COMMENT.test(text)) continue;
    const header = readHeader(text);
    // A line that is no header starts the body (a body written without the blank line).
    if (!header) break;
    headers.push({ ...header, line });
  }
  return { startLine: first, endLine: last, requestLine, name, account, method, target, headers, body: readBody(lines, line, last) };
}

/** Everything to the end of the block, without the blank and comment lines that trail it (they belong to no body). */
function readBody(lines: string[], first: number, last: number): string | undefined {
  let end = last;
  while (end >= first && (lines[end].trim() === '' || COMMENT.test(lines[end]))) end--;
  if (end < first) return undefined;
  let start = first;
  while (start < end && lines[start].trim() === '') start++;
  return lines.slice(start, end + 1).join('\n');
}

/** The request whose block holds `line` (0-based), if any. */
export function requestAtLine(file: RequestFile, line: number): RequestBlock | undefined {
  return file.requests.find((request) => line >= request.startLine && line <= request.endLine);
}
