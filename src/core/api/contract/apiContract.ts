/**
 * The API contract as the editor features use it: the operations of an OpenAPI document (method,
 * path, tag, summary, description, parameters, the shape of the answer), from the built-in
 * document of the BoomTown API or from a user's own description (`boomtown.apiDescription`).
 * Plain TypeScript: IntelliSense, the Endpoints view and the tests read the same model.
 */
import { contractFromDocument, parseDescriptionText } from './contractReader';

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

let builtIn: Promise<ApiContract> | undefined;

/**
 * The built-in contract (the bundled document), parsed once. The document is imported dynamically
 * so the bundle keeps it in a chunk of its own, loaded on the first request file or Endpoints view,
 * never at activation.
 */
export function builtInContract(): Promise<ApiContract> {
  builtIn ??= import('./boomtown.openapi.json').then((module) => {
    const result = contractFromDocument(module.default, 'built-in');
    // The document is ours and its tests validate it: a problem here is a bug, not a user's mistake.
    if (!result.ok) throw new Error(`the built-in API description is broken at ${result.pointer}: ${result.problem}`);
    return result.contract;
  });
  return builtIn;
}

/** A user's OpenAPI 3.0/3.1 document (text in JSON or YAML): the contract, or the first problem with its JSON pointer. */
export function readApiDescription(text: string, source: string): ApiDescriptionResult {
  const parsed = parseDescriptionText(text);
  return parsed.ok ? contractFromDocument(parsed.document, source) : parsed;
}
