/**
 * STAND-IN until branch i18-contract is merged (its file replaces this one): the agreed interface
 * of the API contract and a hand-written built-in contract, so the editor half can be built and tested.
 */
export interface ContractParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  type: string;
  description?: string;
  default?: unknown;
  maximum?: number;
  minimum?: number;
  enum?: readonly string[];
}
export interface ContractOperation {
  method: string;
  path: string;
  operationId?: string;
  tag: string;
  summary: string;
  description: string;
  parameters: readonly ContractParameter[];
  answer: string;
}
export interface ApiContract {
  title: string;
  source: 'built-in' | string;
  operations: readonly ContractOperation[];
}

const STAGES = ['new', 'attempted_contact', 'nurture', 'active', 'under_contract', 'closed', 'archived'];
const SORTS = ['lastActivityAt', '-lastActivityAt', 'createdAt', '-createdAt', 'name', '-name'];
const paging: ContractParameter[] = [
  { name: 'limit', in: 'query', required: false, type: 'integer', default: 25, minimum: 1, maximum: 100, description: 'Items per page.' },
  { name: 'offset', in: 'query', required: false, type: 'integer', default: 0, minimum: 0, description: 'Items to skip.' },
];
const id: ContractParameter = { name: 'id', in: 'path', required: true, type: 'string', description: 'The lead id.' };

export function builtInContract(): ApiContract {
  return {
    title: 'BoomTown API',
    source: 'built-in',
    operations: [
      { method: 'GET', path: '/v1/me', tag: 'Account', summary: 'The signed-in user', description: 'Who the token belongs to.', parameters: [], answer: '{ id, name, email }' },
      {
        method: 'GET',
        path: '/v1/leads',
        tag: 'Leads',
        summary: 'Search leads',
        description: 'Leads, searched, filtered by stage, sorted and paged.',
        parameters: [
          { name: 'q', in: 'query', required: false, type: 'string', description: 'Free text over name, email and phone.' },
          { name: 'stage', in: 'query', required: false, type: 'string', enum: STAGES },
          { name: 'sort', in: 'query', required: false, type: 'string', enum: SORTS, default: '-lastActivityAt' },
          ...paging,
        ],
        answer: '{ data: Lead[], _metadata: { total, limit, offset } }',
      },
      { method: 'GET', path: '/v1/leads/{id}', tag: 'Leads', summary: 'One lead', description: 'A lead by id.', parameters: [id], answer: 'Lead' },
      { method: 'GET', path: '/v1/leads/{id}/notes', tag: 'Leads', summary: 'A lead\'s notes', description: 'Notes, newest first.', parameters: [id, ...paging], answer: '{ data: Note[], _metadata }' },
      { method: 'GET', path: '/v1/leads/{id}/events', tag: 'Leads', summary: 'A lead\'s events', description: 'Events, newest first.', parameters: [id, ...paging], answer: '{ data: Event[], _metadata }' },
      { method: 'GET', path: '/v1/agents', tag: 'Agents', summary: 'Agents', description: 'The account\'s agents.', parameters: [...paging], answer: '{ data: Agent[], _metadata }' },
    ],
  };
}

export function readApiDescription(text: string, source: string): { ok: true; contract: ApiContract } | { ok: false; problem: string; pointer: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: String(error), pointer: '' };
  }
  const paths = (document as { openapi?: unknown; paths?: Record<string, Record<string, { summary?: string }>> }).paths;
  if (!/^3\./.test(String((document as { openapi?: unknown }).openapi))) return { ok: false, problem: 'not OpenAPI 3', pointer: '/openapi' };
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      operations.push({ method: method.toUpperCase(), path, tag: 'default', summary: op.summary ?? '', description: '', parameters: [], answer: '' });
    }
  }
  return { ok: true, contract: { title: 'x', source, operations } };
}
