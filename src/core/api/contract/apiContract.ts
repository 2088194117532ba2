/**
 * The API contract as the editor features use it: the operations of an OpenAPI document (method,
 * path, tag, summary, description, parameters, the shape of the answer), from the built-in
 * document of the BoomTown API or from a user's own description (`boomtown.apiDescription`).
 * Plain TypeScript: IntelliSense, the Endpoints view and the tests read the same model.
 */
import type { ApiContract, ApiDescriptionResult } from './contractTypes';
import { contractFromDocument, parseDescriptionText } from './contractReader';

export type { ApiContract, ApiDescriptionResult, ContractOperation, ContractParameter } from './contractTypes';

/**
 * The built-in contract (the bundled document). The document is imported dynamically so the bundle
 * keeps it in a chunk of its own, loaded on the first request file or Endpoints view, never at
 * activation. Each call reads it (a few milliseconds); whoever needs it again keeps it (the editor's
 * contracts do, until the setting changes).
 */
export async function builtInContract(): Promise<ApiContract> {
  const module = await import('./boomtown.openapi.json');
  const result = contractFromDocument(module.default, 'built-in');
  // The document is ours and its tests validate it: a problem here is a bug, not a user's mistake.
  if (!result.ok) throw new Error(`the built-in API description is broken at ${result.pointer}: ${result.problem}`);
  return result.contract;
}

/** A user's OpenAPI 3.0/3.1 document (text in JSON or YAML): the contract, or the first problem with its JSON pointer. */
export function readApiDescription(text: string, source: string): ApiDescriptionResult {
  const parsed = parseDescriptionText(text);
  return parsed.ok ? contractFromDocument(parsed.document, source) : parsed;
}
