/** What a request file says, before any variable is resolved. Lines are 0-based. */
export interface FileVariable {
  name: string;
  /** As written: may itself hold {{references}}. */
  value: string;
  line: number;
}

export interface WrittenHeader {
  name: string;
  value: string;
  line: number;
}

export interface RequestBlock {
  /** First and last line of the block, separators excluded. */
  startLine: number;
  endLine: number;
  /** The request line; the CodeLens sits here. */
  requestLine: number;
  /** From the text after `###`, or a `# @name` comment. */
  name?: string;
  /** From a `# @account email` comment: which signed-in account sends it. */
  account?: string;
  /** Upper case as written; undefined when the line names none (GET then). */
  method?: string;
  /** The URL as written, multi-line query continuations joined. */
  target: string;
  headers: WrittenHeader[];
  /** Undefined when the request has no body. */
  body?: string;
}

export interface RequestFile {
  /** File-wide, wherever they are defined (later definitions win), as REST Client reads them. */
  variables: Map<string, FileVariable>;
  requests: RequestBlock[];
}
