import assert from 'node:assert/strict';
import { checkApiGet, checkGetLead, checkListAgents, checkSearchLeads, toolInputRules, type Checked, type ToolInputRules } from '../../../src/core/chat/toolInputs';
import { builtInInputRules, contractWithLeadsParameter } from './helpers/builders';

const API = 'https://api.example.test';

function problem<T>(checked: Checked<T>): string {
  assert.equal(checked.ok, false, `refused: ${JSON.stringify(checked)}`);
  return (checked as { problem: string }).problem;
}

function value<T>(checked: Checked<T>): T {
  assert.ok(checked.ok, `accepted: ${JSON.stringify(checked)}`);
  return checked.value;
}

describe('chat tool inputs', () => {
  let rules: ToolInputRules;
  before(async () => {
    rules = await builtInInputRules();
  });

  describe('boomtown_searchLeads', () => {
    it('defaults: ten leads from the start, no filter', () => {
      assert.deepEqual(value(checkSearchLeads({}, rules)), { q: undefined, stage: undefined, sort: undefined, limit: 10, offset: 0 });
      assert.deepEqual(value(checkSearchLeads(undefined, rules)), value(checkSearchLeads({}, rules)));
    });

    it('accepts the documented values, trimming text and reading "10" as 10', () => {
      assert.deepEqual(value(checkSearchLeads({ q: '  ada ', stage: 'under_contract', sort: '-createdAt', limit: '50', offset: 25 }, rules)), {
        q: 'ada',
        stage: 'under_contract',
        sort: '-createdAt',
        limit: 50,
        offset: 25,
      });
    });

    const refusals: Array<[input: unknown, expected: RegExp]> = [
      [{ limit: 51 }, /"limit" must be between 1 and 50/],
      [{ limit: 0 }, /"limit" must be between 1 and 50/],
      [{ limit: 2.5 }, /"limit" must be a whole number/],
      [{ offset: -1 }, /"offset" must be between 0/],
      [{ stage: 'hot' }, /"stage" must be one of: new, attempted_contact/],
      [{ sort: 'DROP TABLE' }, /"sort" must be one of/],
      [{ q: 'x'.repeat(201) }, /longer than 200/],
      [{ q: 'a\u0000b' }, /control characters/],
      [{ q: 42 }, /"q" must be a string/],
      ['ada', /must be an object/],
    ];
    for (const [input, expected] of refusals) {
      it(`refuses ${JSON.stringify(input).slice(0, 40)}`, () => assert.match(problem(checkSearchLeads(input, rules)), expected));
    }
  });

  describe('boomtown_searchLeads under another contract', () => {
    it("takes the stages the contract lists, and only those", async () => {
      const rules = toolInputRules(await contractWithLeadsParameter('stage', { enum: ['hot', 'cold'] }));
      assert.equal(value(checkSearchLeads({ stage: 'hot' }, rules)).stage, 'hot');
      assert.match(problem(checkSearchLeads({ stage: 'new' }, rules)), /"stage" must be one of: hot, cold\./);
    });

    it("stays within a lower maximum the contract sets, and within the tool's own 50 under a higher one", async () => {
      const lower = toolInputRules(await contractWithLeadsParameter('limit', { maximum: 20 }));
      assert.match(problem(checkSearchLeads({ limit: 21 }, lower)), /between 1 and 20/);
      assert.equal(value(checkSearchLeads({}, lower)).limit, 10);
      const higher = toolInputRules(await contractWithLeadsParameter('limit', { maximum: 500 }));
      assert.match(problem(checkSearchLeads({ limit: 51 }, higher)), /between 1 and 50/);
    });

    it('a contract without the stages is a broken document, said as such', async () => {
      const contract = await contractWithLeadsParameter('stage', { enum: undefined });
      assert.throws(() => toolInputRules(contract), /lists no values for "stage"/);
    });
  });

  describe('boomtown_getLead', () => {
    it('takes an id, also as a number', () => {
      assert.deepEqual(value(checkGetLead({ id: ' L-10001 ' })), { id: 'L-10001' });
      assert.deepEqual(value(checkGetLead({ id: 10001 })), { id: '10001' });
    });
    for (const [input, expected] of [
      [{}, /"id" is required/],
      [{ id: '' }, /"id" is required/],
      [{ id: '../me' }, /not a path/],
      [{ id: '..' }, /not a path/],
      [{ id: { $ne: 1 } }, /must be a string/],
    ] as const) {
      it(`refuses ${JSON.stringify(input)}`, () => assert.match(problem(checkGetLead(input)), expected));
    }
  });

  it('boomtown_listAgents pages up to 100', () => {
    assert.deepEqual(value(checkListAgents({}, rules)), { limit: 50, offset: 0 });
    assert.match(problem(checkListAgents({ limit: 101 }, rules)), /between 1 and 100/);
  });

  describe('boomtown_apiGet', () => {
    const accepted: Array<[input: unknown, path: string]> = [
      [{ path: '/v1/leads?limit=5' }, '/v1/leads?limit=5'],
      [{ path: 'v1/agents' }, '/v1/agents'],
      [{ path: 'GET /v1/me' }, '/v1/me'],
      [{ path: '/v1/me', method: 'get' }, '/v1/me'],
      [{ path: `${API}/v1/leads/L-1/notes` }, '/v1/leads/L-1/notes'],
    ];
    for (const [input, path] of accepted) {
      it(`accepts ${JSON.stringify(input)}`, () => assert.deepEqual(value(checkApiGet(input, API)), { path }));
    }

    const refused: Array<[input: unknown, expected: RegExp]> = [
      [{ path: 'https://evil.example/v1/leads' }, /Only requests to https:\/\/api\.example\.test are allowed/],
      [{ path: '//evil.example/v1/leads' }, /The path was refused/],
      [{ path: `${API.replace('https', 'http')}/v1/leads` }, /Only requests to/],
      [{ path: '/v1/../oauth/token' }, /"\.\." segments/],
      [{ path: '/v1/%2e%2e/oauth/token' }, /"\.\." segments/],
      [{ path: '/oauth/token' }, /starting with \/v1\//],
      [{ path: '/admin/stats' }, /starting with \/v1\//],
      [{ path: 'DELETE /v1/leads/L-1' }, /Only GET requests are allowed; DELETE was refused/],
      [{ path: 'post /v1/leads' }, /Only GET requests are allowed; POST/],
      [{ path: '/v1/leads', method: 'POST' }, /Only GET requests are allowed; "POST" was refused/],
      [{ path: `https://user:pw@api.example.test/v1/me` }, /credentials/],
      [{ path: '/v1/leads#x' }, /fragments/],
      [{ path: '' }, /"path" is required/],
      [{}, /"path" is required/],
    ];
    for (const [input, expected] of refused) {
      it(`refuses ${JSON.stringify(input)}`, () => assert.match(problem(checkApiGet(input, API)), expected));
    }
  });
});
