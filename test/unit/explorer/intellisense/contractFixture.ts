import type { ApiContract, ContractOperation, ContractParameter } from '../../../../src/core/api/contract/apiContract';
import { ContractIndex } from '../../../../src/core/explorer/intellisense/contractIndex';
import { readRequestDocument, type RequestDocument } from '../../../../src/core/explorer/intellisense/requestTarget';

export const API_URL = 'https://api.example.test/base';
export const STAGES = ['new', 'active', 'closed'] as const;
const SORTS = ['name', '-name'] as const;

const paging: ContractParameter[] = [
  { name: 'limit', in: 'query', required: false, type: 'integer', default: 25, minimum: 1, maximum: 100, description: 'Items per page.' },
  { name: 'offset', in: 'query', required: false, type: 'integer', default: 0, minimum: 0 },
];

function operation(method: string, path: string, tag: string, summary: string, parameters: ContractParameter[] = []): ContractOperation {
  return { method, path, tag, summary, description: `${summary}, described.`, parameters, answer: '{ data: [] }' };
}

/** A small contract in the shape of BoomTown's, independent of the built-in one (which may change). */
export function fixtureContract(extra: ContractOperation[] = []): ApiContract {
  return {
    title: 'Fixture API',
    source: 'built-in',
    operations: [
      operation('GET', '/v1/me', 'Account', 'The signed-in user'),
      operation('GET', '/v1/leads', 'Leads', 'Search leads', [
        { name: 'q', in: 'query', required: false, type: 'string' },
        { name: 'stage', in: 'query', required: false, type: 'string', enum: STAGES },
        { name: 'sort', in: 'query', required: false, type: 'string', enum: SORTS, default: '-name' },
        ...paging,
      ]),
      operation('GET', '/v1/leads/{id}', 'Leads', 'One lead', [{ name: 'id', in: 'path', required: true, type: 'string' }]),
      operation('GET', '/v1/leads/{id}/notes', 'Leads', "A lead's notes", [{ name: 'id', in: 'path', required: true, type: 'string' }, ...paging]),
      operation('GET', '/v1/agents', 'Agents', 'Agents', paging),
      ...extra,
    ],
  };
}

export function fixtureIndex(extra: ContractOperation[] = []): ContractIndex {
  return new ContractIndex(fixtureContract(extra));
}

/** The document of `lines` with `|` marking the cursor (removed), and the cursor's position. */
export function withCursor(...lines: string[]): { document: RequestDocument; at: { line: number; character: number } } {
  const line = lines.findIndex((text) => text.includes('|'));
  const character = lines[line].indexOf('|');
  const clean = lines.map((text) => text.replace('|', ''));
  return { document: readRequestDocument(clean.join('\n')), at: { line, character } };
}
