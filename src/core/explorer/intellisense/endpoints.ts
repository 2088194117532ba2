import type { ContractOperation } from '../../api/contract/apiContract';
import { API_URL_VARIABLE } from '../requestFile/requestBuilder';
import type { RequestFile } from '../requestFile/requestFileTypes';
import { queryParameters } from './contractIndex';

export interface EndpointGroup {
  tag: string;
  operations: ContractOperation[];
}

/** The operations grouped by tag, tags and operations in the contract's order. */
export function endpointGroups(operations: readonly ContractOperation[]): EndpointGroup[] {
  const groups = new Map<string, ContractOperation[]>();
  for (const operation of operations) {
    const group = groups.get(operation.tag) ?? [];
    group.push(operation);
    groups.set(operation.tag, group);
  }
  return [...groups].map(([tag, grouped]) => ({ tag, operations: grouped }));
}

/**
 * The request for `operation`, ready to send from a request file: its path parameters as
 * `{{variables}}` (defined above the request when `file` does not define them yet, with the
 * parameter's default if it has one), required query parameters with their defaults.
 * Returns the text and the line of the request line within it.
 */
export function requestTextFor(operation: ContractOperation, file?: RequestFile): { text: string; requestLine: number } {
  const lines = [`### ${operation.summary || `${operation.method} ${operation.path}`}`];
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'path' || file?.variables.has(parameter.name)) continue;
    lines.push(`@${parameter.name} = ${parameter.default === undefined ? '' : String(parameter.default)}`.trimEnd());
  }
  const path = operation.path.replace(/\{([^{}/]+)\}/g, '{{$1}}');
  const query = queryParameters(operation)
    .filter((parameter) => parameter.required)
    .map((parameter) => `${parameter.name}=${parameter.default === undefined ? '' : String(parameter.default)}`);
  const requestLine = lines.length;
  lines.push(`${operation.method.toUpperCase()} {{${API_URL_VARIABLE}}}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`, '');
  return { text: lines.join('\n'), requestLine };
}
