/** Semantic token kinds, by index (the vscode layer's legend lists them in this order). */
export const TOKEN_KINDS = ['comment', 'keyword', 'string', 'property', 'variable', 'operator'] as const;

interface LineToken {
  line: number;
  start: number;
  length: number;
  /** Index into TOKEN_KINDS. */
  kind: number;
}

const [COMMENT, KEYWORD, STRING, PROPERTY, VARIABLE] = [0, 1, 2, 3, 4];
// Anchored, and no quantified part followed by another that can match the same characters: each
// line is read in linear time however long its runs of spaces or tabs (the text is a repository's).
const METHOD = /^(\s*)(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE|TRACE|CONNECT)(\s+)/;
const HEADER_NAME = /^(\s*)([!#$%&'*+.^_`|~0-9A-Za-z-]+)(\s*:)/;
const FILE_VARIABLE_NAME = /^(\s*@[A-Za-z_][\w.-]*)(\s*=)/;
const REFERENCE = /\{\{[^{}]*\}\}/g;

/** A `name: value` or `@name = value` line split into the name part, the separator with its spaces, and the value. */
function splitAt(content: string, head: RegExpExecArray): { separatorLength: number; value: string } {
  const after = content.slice(head[0].length);
  const value = after.trimStart();
  return { separatorLength: head[head.length - 1].length + after.length - value.length, value };
}

/**
 * Tokens for basic highlighting, line by line, following the same layout rules as the parser:
 * separators and comments, file variables, the request line (method, URL), headers, and
 * `{{references}}` in bodies. Tokens never overlap and come in document order.
 */
export function classifyLines(text: string): LineToken[] {
  const tokens: LineToken[] = [];
  const push = (line: number, start: number, length: number, kind: number): void => {
    if (length > 0) tokens.push({ line, start, length, kind });
  };
  let state: 'before' | 'headers' | 'body' = 'before';
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((content, line) => {
    if (content.startsWith('###')) {
      push(line, 0, content.length, COMMENT);
      state = 'before';
      return;
    }
    if (state !== 'body' && /^\s*(#|\/\/)/.test(content)) {
      push(line, 0, content.length, COMMENT);
      return;
    }
    if (state === 'before') {
      if (content.trim() === '') return;
      const variable = FILE_VARIABLE_NAME.exec(content);
      if (variable) {
        const { separatorLength, value } = splitAt(content, variable);
        push(line, 0, variable[1].length, VARIABLE);
        push(line, variable[1].length + separatorLength, value.length, STRING);
        return;
      }
      const method = METHOD.exec(content);
      const urlStart = method ? method[0].length : content.length - content.trimStart().length;
      if (method) push(line, method[1].length, method[2].length, KEYWORD);
      push(line, urlStart, content.trimEnd().length - urlStart, STRING);
      state = 'headers';
      return;
    }
    if (state === 'headers') {
      if (content.trim() === '') {
        state = 'body';
        return;
      }
      if (/^\s*[?&]/.test(content)) {
        push(line, 0, content.length, STRING);
        return;
      }
      const header = HEADER_NAME.exec(content);
      if (header) {
        const { separatorLength, value } = splitAt(content, header);
        push(line, header[1].length, header[2].length, PROPERTY);
        push(line, header[1].length + header[2].length + separatorLength, value.length, STRING);
        return;
      }
      state = 'body';
    }
    for (const match of content.matchAll(REFERENCE)) push(line, match.index ?? 0, match[0].length, VARIABLE);
  });
  return tokens;
}
