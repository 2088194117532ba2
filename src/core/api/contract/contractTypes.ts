/**
 * The API contract's model: the operations of an OpenAPI document as the editor features read them.
 * A file of its own so that the reader (contractReader.ts) and the entry (apiContract.ts) both
 * import it without importing each other.
 */
export interface ContractParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  /** The schema's type ('string', 'integer', 'number', 'boolean', 'array'), or 'any' when it names none. */
  type: string;
  description?: string;
  default?: unknown;
  maximum?: number;
  minimum?: number;
  /** The allowed values, as text (a request file writes them so). */
  enum?: readonly string[];
  /** The longest text accepted (`maxLength`), when the schema says. */
  maxLength?: number;
}

export interface ContractOperation {
  /** Upper case, e.g. 'GET'. */
  method: string;
  /** The path template, e.g. '/v1/leads/{id}'. */
  path: string;
  operationId?: string;
  /** The operation's first tag ('Other' when it has none): the Endpoints view groups by it. */
  tag: string;
  /** One line; the operationId or "METHOD path" when the document gives none. */
  summary: string;
  /** May be empty. */
  description: string;
  /** Path-level and operation-level parameters merged (the operation's win), cookies left out. */
  parameters: readonly ContractParameter[];
  /** A short, readable shape of the 2xx JSON body, e.g. "{ data: Lead[], _metadata: PageMetadata }" and one line per named part. */
  answer: string;
}

export interface ApiContract {
  title: string;
  /** 'built-in' for the bundled document, else the file's URI or path as the caller named it. */
  source: 'built-in' | string;
  operations: readonly ContractOperation[];
}

export type ApiDescriptionResult = { ok: true; contract: ApiContract } | { ok: false; problem: string; pointer: string };
