/**
 * New Request File's template against the OpenAPI document: it names every operation of the
 * document exactly once and nothing else, with query parameters the operation takes and values
 * its enums allow. Read through the request-file parser the extension sends with.
 */
import assert from 'node:assert/strict';
import { builtInContract, type ApiContract } from '../../../../src/core/api/contract/apiContract';
import { matchOperation } from '../../../../src/core/api/contract/operationMatch';
import { newRequestFileText } from '../../../../src/core/explorer/requestFile/newRequestFile';
import { parseRequestFile } from '../../../../src/core/explorer/requestFile/requestFileParser';

const API_PREFIX = '{{boomtown.apiUrl}}';

describe("New Request File's template agrees with the OpenAPI document", () => {
  let contract: ApiContract;
  before(async () => {
    contract = await builtInContract();
  });

  function templateRequests(): Array<{ method: string; path: string; query: URLSearchParams; variables: Map<string, string> }> {
    const file = parseRequestFile(newRequestFileText());
    const variables = new Map([...file.variables].map(([name, variable]) => [name, variable.value]));
    return file.requests.map((request) => {
      assert.ok(request.target.startsWith(API_PREFIX), `${request.target} is not under ${API_PREFIX}`);
      const url = new URL(request.target.slice(API_PREFIX.length), 'https://api.invalid');
      // The URL parser escapes a {{variable}} segment; the contract's matcher and the messages read it as written.
      return { method: request.method ?? 'GET', path: decodeURI(url.pathname), query: url.searchParams, variables };
    });
  }

  it('names exactly the operations of the document, each once', () => {
    const named = templateRequests().map((request) => {
      const match = matchOperation(contract.operations, request.method, request.path);
      assert.ok(match, `the template sends ${request.method} ${request.path}, which the document does not have`);
      return `${match.operation.method} ${match.operation.path}`;
    });
    assert.deepEqual([...named].sort(), contract.operations.map((operation) => `${operation.method} ${operation.path}`).sort());
  });

  it('sends only query parameters the operation takes, with values its enums allow (variables resolved)', () => {
    for (const request of templateRequests()) {
      const match = matchOperation(contract.operations, request.method, request.path);
      assert.ok(match, `the template sends ${request.method} ${request.path}, which the document does not have`);
      const { operation } = match;
      for (const [name, written] of request.query) {
        const parameter = operation.parameters.find((candidate) => candidate.in === 'query' && candidate.name === name);
        assert.ok(parameter, `${operation.path} takes no "${name}"`);
        const value = written.replace(/^\{\{(\w+)\}\}$/, (_text, variable: string) => request.variables.get(variable) ?? '');
        if (parameter.enum && value !== '') assert.ok(parameter.enum.includes(value), `${name}=${value} is not one of ${parameter.enum.join(', ')}`);
        if (parameter.maximum !== undefined && value !== '') assert.ok(Number(value) <= parameter.maximum, `${name}=${value} above ${parameter.maximum}`);
      }
    }
  });
});
