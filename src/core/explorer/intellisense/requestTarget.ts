import { withoutTrailingSlashes } from '../../shared/trailingSlashes';
import { API_URL_VARIABLE } from '../requestFile/requestBuilder';
import { parseRequestFile } from '../requestFile/requestFileParser';
import type { RequestBlock, RequestFile } from '../requestFile/requestFileTypes';
import { tryResolveVariables } from '../requestFile/variables';

/** A request file as the editor features read it: parsed once per version, with its lines for columns. */
export interface RequestDocument {
  file: RequestFile;
  lines: readonly string[];
}

export function readRequestDocument(text: string): RequestDocument {
  return { file: parseRequestFile(text), lines: text.split(/\r\n|\r|\n/) };
}

/** Part of one line: 0-based line, columns [start, end). */
export interface Span {
  line: number;
  start: number;
  end: number;
  text: string;
}

export interface QueryPart {
  name: Span;
  /** After the `=`; undefined when the part has none. */
  value?: Span;
}

/** Where a BoomTown request's path and query are written, for the editor features. */
export interface RequestTarget {
  block: RequestBlock;
  /** As written, GET when the line names none. */
  method: string;
  /** The API path as written after the API's URL (`/v1/leads/{{leadId}}`), up to the `?`. */
  path: Span;
  query: QueryPart[];
  /** Written after the API's URL (`{{boomtown.apiUrl}}/…`, a variable holding it, the URL itself) rather than as a bare path. */
  underApiUrl: boolean;
}

const METHOD = /^(\s*)(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE|TRACE|CONNECT)(\s+)/;
const QUERY_CONTINUATION = /^\s*[?&]/;

/**
 * The target of `block` when it goes to BoomTown: a path written from `/` (completion offers `/v1/…`
 * there), `{{boomtown.apiUrl}}…`, a file variable whose value is the API's URL, or the API's URL
 * itself. Undefined for any other host: the editor features leave those requests alone.
 * `prefixes`: what is known of the file's `{{variable}}` prefixes, shared by calls over one file and API URL.
 */
export function requestTarget(document: RequestDocument, block: RequestBlock, apiUrl: string, prefixes = new Map<string, boolean>()): RequestTarget | undefined {
  const text = document.lines[block.requestLine] ?? '';
  const method = METHOD.exec(text);
  const start = method ? method[0].length : text.length - text.trimStart().length;
  const end = targetEnd(text, start);
  const written = text.slice(start, end);
  const prefix = apiPrefixLength(written, document.file, apiUrl, prefixes);
  if (prefix === undefined) return undefined;
  const questionMark = written.indexOf('?', prefix);
  const pathEnd = questionMark === -1 ? written.length : questionMark;
  const path = span(block.requestLine, text, start + prefix, start + pathEnd);
  if (path.text !== '' && !path.text.startsWith('/')) return undefined;
  const query: QueryPart[] = [];
  if (questionMark !== -1) readQuery(text, block.requestLine, start + questionMark, end, query);
  for (let line = block.requestLine + 1; line <= block.endLine && QUERY_CONTINUATION.test(document.lines[line]); line++) {
    const continuation = document.lines[line];
    const first = continuation.length - continuation.trimStart().length;
    readQuery(continuation, line, first, continuation.trimEnd().length, query);
  }
  return { block, method: method ? method[2] : 'GET', path, query, underApiUrl: prefix > 0 };
}

/**
 * Where the target starting at `from` ends: at the first space or tab outside a `{{ … }}` reference
 * (REST Client allows `{{ api }}`), so before ` HTTP/1.1` or at the end of the line. A `{{` that no
 * `}}` closes before the next brace is no reference and its spaces end the target. Linear: a scan
 * inside braces stops at the next brace, so no character is read by more than two scans (`{{{`).
 */
function targetEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length && text[at] !== ' ' && text[at] !== '\t') {
    if (text.startsWith('{{', at)) {
      let close = at + 2;
      while (close < text.length && text[close] !== '{' && text[close] !== '}') close++;
      if (text.startsWith('}}', close)) {
        at = close + 2;
        continue;
      }
    }
    at++;
  }
  return at;
}

/**
 * Whether the contract speaks to this request: any path under the API's URL (a user's own description
 * may have `/users`), and a bare path only when it is one of the API's (`/v1`, `/v1/…`), the rule the
 * sender applies to bare paths.
 */
export function isApiTarget(target: RequestTarget): boolean {
  return target.underApiUrl || isApiPath(target.path.text);
}

function isApiPath(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/');
}

/**
 * Whether `{{name}}` is the API's URL. `known` remembers the answers for one file and API URL: a file
 * writes the same prefix on every request, and the diagnostics read them all.
 */
function isApiUrlVariable(name: string, file: RequestFile, base: string, known: Map<string, boolean>): boolean {
  const key = name;
  let answer = known.get(key);
  if (answer === undefined) {
    const value = tryResolveVariables(`{{${name}}}`, file.variables, { [API_URL_VARIABLE]: base });
    answer = value !== undefined && withoutTrailingSlashes(value) === base;
    known.set(key, answer);
  }
  return answer;
}

/** How many characters of `written` name the API's URL, or undefined when it goes elsewhere. */
function apiPrefixLength(written: string, file: RequestFile, apiUrl: string, known: Map<string, boolean>): number | undefined {
  if (written === '' || written.startsWith('/')) return 0;
  const base = withoutTrailingSlashes(apiUrl);
  if (written.startsWith('{{')) {
    const close = written.indexOf('}}');
    if (close === -1) return undefined;
    const name = written.slice(2, close).trim();
    return name === API_URL_VARIABLE || isApiUrlVariable(name, file, base, known) ? close + 2 : undefined;
  }
  if (!written.startsWith(base)) return undefined;
  const next = written[base.length];
  return next === undefined || next === '/' || next === '?' ? base.length : undefined;
}

/** `?a=1&b=2` between columns [from, to) of `text`: one part per `&`-separated name. */
function readQuery(text: string, line: number, from: number, to: number, into: QueryPart[]): void {
  let partStart = from + 1;
  for (let at = from + 1; at <= to; at++) {
    if (at < to && text[at] !== '&') continue;
    if (at > partStart || text[partStart - 1] === '?' || text[partStart - 1] === '&') {
      const equals = text.indexOf('=', partStart);
      const hasValue = equals !== -1 && equals < at;
      into.push({
        name: span(line, text, partStart, hasValue ? equals : at),
        value: hasValue ? span(line, text, equals + 1, at) : undefined,
      });
    }
    partStart = at + 1;
  }
}

function span(line: number, text: string, start: number, end: number): Span {
  return { line, start, end, text: text.slice(start, end) };
}

/** Whether (line, character) is inside or at either end of `span`. */
export function touches(at: { line: number; character: number }, part: Span): boolean {
  return at.line === part.line && at.character >= part.start && at.character <= part.end;
}
