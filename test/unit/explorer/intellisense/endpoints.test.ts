import assert from 'node:assert/strict';
import { endpointGroups, requestTextFor } from '../../../../src/core/explorer/intellisense/endpoints';
import { requestProblems } from '../../../../src/core/explorer/intellisense/diagnostics';
import { readRequestDocument } from '../../../../src/core/explorer/intellisense/requestTarget';
import { parseRequestFile } from '../../../../src/core/explorer/requestFile/requestFileParser';
import { classifyRequest } from '../../../../src/core/explorer/requestFile/requestBuilder';
import { API_URL, fixtureContract, fixtureIndex } from './contractFixture';

describe('the Endpoints view and the requests it writes', () => {
  it('groups the operations by tag, in the contract order', () => {
    assert.deepEqual(
      endpointGroups(fixtureContract().operations).map((group) => [group.tag, group.operations.map((operation) => operation.summary)]),
      [
        ['Account', ['The signed-in user']],
        ['Leads', ['Search leads', 'One lead', "A lead's notes"]],
        ['Agents', ['Agents']],
      ],
    );
  });

  it('writes a request with path parameters as variables, defined when the file lacks them; it is BoomTown-bound and valid', () => {
    const notes = fixtureContract().operations[3];
    const written = requestTextFor(notes);
    assert.equal(written.text, "### A lead's notes\n@id =\nGET {{boomtown.apiUrl}}/v1/leads/{{id}}/notes\n");
    assert.equal(written.text.split('\n')[written.requestLine], 'GET {{boomtown.apiUrl}}/v1/leads/{{id}}/notes');
    const file = parseRequestFile(written.text);
    assert.equal(classifyRequest(file.requests[0], file, API_URL).kind, 'boomtown');
    assert.deepEqual(requestProblems(readRequestDocument(written.text), fixtureIndex(), API_URL), []);
    assert.ok(!requestTextFor(notes, parseRequestFile('@id = L-1\n')).text.includes('@id'), 'defined already');
  });
});
