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
const META = /^\s*(?:#|\/\/)\s*@(name|account)\s+(.+?)\s*$/i;
const VARIABLE = /^\s*@([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/;
const METHODS = 'GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE|TRACE|CONNECT';
const REQUEST_LINE = new RegExp(`^\\s*(?:(${METHODS})\\s+)?(\\S.*?)(?:\\s+HTTP\\/[\\d.]+)?\\s*$`);
const QUERY_CONTINUATION = /^\s+[?&]|^[?&]/;
const HEADER = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*?)\s*$/;

function readBlock(lines: string[], first: number, last: number, name: string | undefined, variables: Map<string, FileVariable>): RequestBlock | undefined {
  let line = first < lines.length && SEPARATOR.test(lines[first]) ? first + 1 : first;
  let account: string | undefined;
  // Before the request line: blank lines, comments (some carry metadata) and file variables.
  for (; line <= last; line++) {
    const text = lines[line];
    if (text.trim() === '') continue;
    const meta = META.exec(text);
    if (meta) {
      if (meta[1].toLowerCase() === 'name') name ??= meta[2];
      else account = meta[2];
      continue;
    }
    if (COMMENT.test(text)) continue;
    const variable = VARIABLE.exec(text);
    if (variable) {
      variables.set(variable[1], { name: variable[1], value: variable[2], line });
      continue;
    }
    break;
  }
  if (line > last) return undefined;
  const requestLine = line;
  const [, method, written] = REQUEST_LINE.exec(lines[line]) ?? [];
  let target = written ?? lines[line].trim();
  for (line++; line <= last && QUERY_CONTINUATION.test(lines[line]); line++) target += lines[line].trim();

  const headers: WrittenHeader[] = [];
  for (; line <= last; line++) {
    const text = lines[line];
    if (text.trim() === '') {
      line++;
      break;
    }
    if (COMMENT.test(text)) continue;
    const header = HEADER.exec(text);
    // A line that is no header starts the body (a body written without the blank line).
    if (!header) break;
    headers.push({ name: header[1], value: header[2], line });
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
