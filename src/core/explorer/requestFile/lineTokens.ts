/** Semantic token kinds, by index (the vscode layer's legend lists them in this order). */
export const TOKEN_KINDS = ['comment', 'keyword', 'string', 'property', 'variable', 'operator'] as const;

export interface LineToken {
  line: number;
  start: number;
  length: number;
  /** Index into TOKEN_KINDS. */
  kind: number;
}

const [COMMENT, KEYWORD, STRING, PROPERTY, VARIABLE] = [0, 1, 2, 3, 4];
const METHOD = /^(\s*)(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE|TRACE|CONNECT)(\s+)/;
const HEADER = /^(\s*)([!#$%&'*+.^_`|~0-9A-Za-z-]+)(\s*:\s*)(.*)$/;
const FILE_VARIABLE = /^(\s*@[A-Za-z_][\w.-]*)(\s*=\s*)(.*)$/;
const REFERENCE = /\{\{[^{}]*\}\}/g;

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
      const variable = FILE_VARIABLE.exec(content);
      if (variable) {
        push(line, 0, variable[1].length, VARIABLE);
        push(line, variable[1].length + variable[2].length, variable[3].length, STRING);
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
      const header = HEADER.exec(content);
      if (header) {
        push(line, header[1].length, header[2].length, PROPERTY);
        push(line, header[1].length + header[2].length + header[3].length, header[4].length, STRING);
        return;
      }
      state = 'body';
    }
    for (const match of content.matchAll(REFERENCE)) push(line, match.index ?? 0, match[0].length, VARIABLE);
  });
  return tokens;
}
