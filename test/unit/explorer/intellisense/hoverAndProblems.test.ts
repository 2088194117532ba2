import assert from 'node:assert/strict';
import { requestProblems } from '../../../../src/core/explorer/intellisense/diagnostics';
import { hoverAt } from '../../../../src/core/explorer/intellisense/hover';
import { readRequestDocument } from '../../../../src/core/explorer/intellisense/requestTarget';
import { API_URL, fixtureIndex, withCursor } from './contractFixture';

function hover(...lines: string[]) {
  const { document, at } = withCursor(...lines);
  return hoverAt(document, at, fixtureIndex(), API_URL);
}

function problems(...lines: string[]) {
  return requestProblems(readRequestDocument(lines.join('\n')), fixtureIndex(), API_URL).map((problem) => ({
    code: problem.code,
    at: `${problem.span.line}:${problem.span.start}-${problem.span.end}`,
    text: problem.span.text,
    replacement: problem.replacement,
  }));
}

describe('request-file hovers', () => {
  it('on a path: method, summary, description, parameters with types and defaults, the answer', () => {
    const shown = hover('GET {{boomtown.apiUrl}}/v1/le|ads?limit=5');
    assert.ok(shown);
    for (const part of ['**GET** `/v1/leads`', 'Search leads', 'Search leads, described.', '`limit` (query, integer) — default 25, minimum 1, maximum 100', '{ data: [] }']) {
      assert.ok(shown.markdown.includes(part), `${part} in ${shown.markdown}`);
    }
    assert.equal(shown.span.text, '/v1/leads');
  });

  it('on a parameter name or value: its type, default, maximum, enum', () => {
    assert.match(hover('GET /v1/leads?li|mit=500')?.markdown ?? '', /`limit` \(query, integer\) — default 25, minimum 1, maximum 100/);
    assert.match(hover('GET /v1/leads', '  ?stage=ac|tive')?.markdown ?? '', /One of: `new`, `active`, `closed`/);
  });

  it('nothing for another host, an unknown path or outside the request line', () => {
    assert.equal(hover('GET https://elsewhere.test/v1/le|ads'), undefined);
    assert.equal(hover('GET /v1/lea|dz'), undefined);
    assert.equal(hover('GET /v1/leads', 'Accept: app|lication/json'), undefined);
  });
});

describe('request-file diagnostics and quick fixes', () => {
  it('none on valid requests, with variables, continuation lines and the API URL written out', () => {
    assert.deepEqual(
      problems(
        '@leadId = L-1',
        '@stage = active',
        'GET /v1/me',
        '###',
        'GET {{boomtown.apiUrl}}/v1/leads',
        '    ?q=',
        '    &stage={{stage}}',
        '    &sort=-name&limit=100&offset=0',
        '###',
        `GET ${API_URL}/v1/leads/{{leadId}}/notes?limit=1 HTTP/1.1`,
        '###',
        'GET /v1/{{anything}}?whatever=1',
      ),
      [],
    );
  });

  it('reads {{ name }} references with spaces inside the braces: no false warning, the real ones found', () => {
    assert.deepEqual(problems('@leadId = L-1', 'GET {{ boomtown.apiUrl }}/v1/leads/{{ leadId }}/notes?limit=1 HTTP/1.1'), []);
    assert.deepEqual(
      problems('@api = {{boomtown.apiUrl}}', 'GET {{ api }}/v1/leads?stage=lost HTTP/1.1').map((problem) => [problem.code, problem.text]),
      [['notInEnum', 'lost']],
    );
    assert.match(hover('@api = {{boomtown.apiUrl}}', 'GET {{ api }}/v1/le|ads HTTP/1.1')?.markdown ?? '', /Search leads/);
  });

  it('none for other hosts, whatever they hold', () => {
    assert.deepEqual(problems('GET https://elsewhere.test/v1/leadz?colour=red', '###', 'GET https://api.example.test/other/v1/leadz'), []);
  });

  it('an unknown path, with the nearest known one as the fix', () => {
    assert.deepEqual(problems('GET /v1/leadz'), [{ code: 'unknownPath', at: '0:4-13', text: '/v1/leadz', replacement: '/v1/leads' }]);
    assert.deepEqual(problems('GET {{boomtown.apiUrl}}/v1/lead/{{id}}/notes')[0].replacement, '/v1/leads/{{id}}/notes');
    assert.deepEqual(problems('GET /v1/completely-unrelated-thing'), [{ code: 'unknownPath', at: '0:4-34', text: '/v1/completely-unrelated-thing', replacement: undefined }]);
    assert.deepEqual(problems('DELETE /v1/me').map((problem) => problem.code), ['otherMethod']);
  });

  it('a query parameter the operation does not take, with the nearest one as the fix when there is one', () => {
    assert.deepEqual(problems('GET /v1/leads?stag=new&colour=red'), [
      { code: 'unknownParameter', at: '0:14-18', text: 'stag', replacement: 'stage' },
      { code: 'unknownParameter', at: '0:23-29', text: 'colour', replacement: undefined },
    ]);
  });

  it('an enum value outside the enum (as written or through a variable), a number above the maximum or below the minimum', () => {
    assert.deepEqual(problems('@s = gone', 'GET /v1/leads?stage=lost&sort={{s}}&limit=500&offset=-1').map((problem) => `${problem.code} ${problem.text}`), [
      'notInEnum lost',
      'notInEnum {{s}}',
      'outOfRange 500',
      'outOfRange -1',
    ]);
  });

  it('a parameter on an operation that takes none says so; a name written as a variable is not judged', () => {
    const [problem, ...others] = requestProblems(readRequestDocument('GET /v1/me?colour=red'), fixtureIndex(), API_URL);
    assert.deepEqual(others, []);
    assert.equal(problem.message, 'GET /v1/me takes no parameter "colour"; it takes -.');
    assert.deepEqual(problems('@key = colour', 'GET /v1/leads?{{key}}=red'), []);
  });

  it('a value that is empty once resolved is not judged; one that does not URL-decode is judged as written', () => {
    assert.deepEqual(problems('@stage =', 'GET /v1/leads?stage={{stage}}'), []);
    assert.deepEqual(problems('GET /v1/leads?stage=new+&sort=%2Dname'), [{ code: 'notInEnum', at: '0:20-24', text: 'new+', replacement: undefined }], 'decoded: "new " and "-name"');
    const [problem] = requestProblems(readRequestDocument('GET /v1/leads?stage=%E0%A4%A'), fixtureIndex(), API_URL);
    assert.equal(problem.message, '"%E0%A4%A" is not a value of stage; it takes new, active, closed.');
  });
});
