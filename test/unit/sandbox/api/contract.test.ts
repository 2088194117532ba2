/**
 * The sandbox against the OpenAPI document: every answer it gives, for every operation (200s with
 * several query combinations, every lead, the 400/401/403/404/429/5XX error bodies), is validated
 * with ajv against the document's schema for that operation and status. The sandbox implements the
 * contract; when either drifts, this fails.
 */
import assert from 'node:assert/strict';
import { builtInContract, type ApiContract } from '../../../../src/core/api/contract/apiContract';
import { matchOperation } from '../../../../src/core/api/contract/operationMatch';
import { FOREIGN_TEAM_LEAD_ID, HOSTILE_LEAD_IDS } from '../../../sandbox/index';
import { apiGet, headerOf, signIn, type HttpAnswer } from '../../../sandbox/drivers/testClient';
import { answerSchemaPointer, describeErrors, documentValidator, OPENAPI_DOCUMENT, responseFor } from '../../api/contract/contractSchemas';
import { useSandbox } from '../helpers';

const STAGES = ['new', 'attempted_contact', 'nurture', 'active', 'under_contract', 'closed', 'archived'];
const SORTS = ['-lastActivityAt', '-createdAt', 'lastName'];
/** The sandbox's one lead with wrongly typed fields, on purpose (clients must survive it): off contract by design. */
const OFF_CONTRACT_LEAD = HOSTILE_LEAD_IDS.wrongTypes;

describe('sandbox answers against the OpenAPI document', () => {
  const fixture = useSandbox(() => ({ autoApprove: true }));
  const validator = documentValidator();
  let contract: ApiContract;
  let token: string;
  /** "GET /v1/leads 200" for every answer checked, to prove each operation and status was exercised. */
  const seen = new Set<string>();

  before(async () => {
    contract = await builtInContract();
  });
  beforeEach(async () => {
    token = (await signIn(fixture.url)).accessToken;
  });

  /** GETs `path`, finds its operation and checks status, body and declared headers against the document. */
  /** `accessToken` null: no Authorization header. */
  async function check(path: string, expectedStatus: number, accessToken: string | null = token): Promise<HttpAnswer> {
    const answer = await apiGet(fixture.url, path, accessToken ?? undefined);
    assert.equal(answer.status, expectedStatus, `GET ${path}: ${answer.text.slice(0, 200)}`);
    assertConforms('GET', path, answer);
    return answer;
  }

  function assertConforms(method: string, path: string, answer: HttpAnswer): void {
    const match = matchOperation(contract.operations, method, path);
    assert.ok(match, `${method} ${path} is no operation of the document`);
    const template = match.operation.path;
    const found = responseFor(method, template, answer.status);
    assert.ok(found, `${method} ${template} does not declare ${answer.status}`);
    seen.add(`${method} ${template} ${found.key}`);
    const validate = validator.schemaAt(answerSchemaPointer(method, template, answer.status)!);
    validate(answer.json);
    const errors = describeErrors(validate.errors).filter((error) => !isOffContractLead(answer.json, error));
    assert.deepEqual(errors, [], `${method} ${path} ${answer.status} does not match the document`);
    for (const [name, header] of Object.entries<any>(found.response.headers ?? {})) {
      const value = headerOf(answer, name);
      assert.ok(value !== undefined, `${method} ${path} ${answer.status} lacks the ${name} header`);
      const schema = validator.schemaAt(answerHeaderPointer(header.$ref));
      assert.ok(schema(header.$ref.endsWith('Retry-After') || !/^\d+$/.test(value) ? value : Number(value)), `${name}: ${value}`);
    }
  }

  it('GET /v1/me, for a user with an email and one without', async () => {
    await check('/v1/me', 200);
    const noEmail = await signIn(fixture.url, { loginHint: 'u_3' });
    assert.equal((await check('/v1/me', 200, noEmail.accessToken)).json.email, null);
  });

  it('GET /v1/leads with every stage, every sort, q, paging, a capped limit, and without total', async () => {
    const queries = [
      '',
      '?limit=5',
      '?limit=3&offset=10',
      '?offset=59',
      '?offset=1000',
      '?limit=1000',
      '?q=ada',
      '?q=843',
      '?q=nobody-matches-this',
      ...STAGES.map((stage) => `?stage=${stage}&limit=100`),
      ...SORTS.map((sort) => `?sort=${encodeURIComponent(sort)}&limit=100`),
      '?q=a&stage=active&sort=lastName&limit=2&offset=1',
    ];
    for (const query of queries) await check(`/v1/leads${query}`, 200);
    assert.equal((await check('/v1/leads?limit=1000', 200)).json._metadata.limit, 100);
    fixture.sandbox.setOptions({ includeTotal: false, maxPageLimit: 7 });
    const page = await check('/v1/leads?limit=50', 200);
    assert.deepEqual(page.json._metadata, { offset: 0, limit: 7 });
  });

  it('every lead, its notes and its events, one by one, hostile leads included', async () => {
    const all = (await check('/v1/leads?limit=100', 200)).json.data as Array<{ id: string }>;
    assert.equal(all.length, 60);
    for (const { id } of all) {
      await check(`/v1/leads/${encodeURIComponent(id)}`, 200);
      await check(`/v1/leads/${encodeURIComponent(id)}/notes`, 200);
      await check(`/v1/leads/${encodeURIComponent(id)}/notes?limit=1&offset=1`, 200);
      await check(`/v1/leads/${encodeURIComponent(id)}/events`, 200);
      await check(`/v1/leads/${encodeURIComponent(id)}/events?limit=2&offset=3`, 200);
    }
  });

  it('GET /v1/agents, a page and all of them', async () => {
    await check('/v1/agents', 200);
    await check('/v1/agents?limit=5&offset=10', 200);
    assert.equal((await check('/v1/agents?limit=100', 200)).json.data.length, 12);
  });

  it('400 bad_request for a bad or repeated query parameter, on every operation that takes one', async () => {
    const lists = ['/v1/leads', '/v1/leads/L-10001/notes', '/v1/leads/L-10001/events', '/v1/agents'];
    for (const list of lists) {
      for (const query of ['?limit=0', '?limit=ten', '?offset=-1', '?limit=5&limit=6']) {
        assert.equal((await check(`${list}${query}`, 400)).json.error.code, 'bad_request');
      }
    }
    for (const query of ['?stage=hot', '?sort=firstName', `?q=${'x'.repeat(201)}`, '?stage=new&stage=active']) await check(`/v1/leads${query}`, 400);
  });

  it('401 invalid_token with WWW-Authenticate, on every operation', async () => {
    for (const path of pathsOfEveryOperation()) {
      assert.equal((await check(path, 401, null)).json.error.code, 'invalid_token');
      await check(path, 401, 'bt_at_forged');
    }
  });

  it('403 forbidden and 404 not_found on every operation that names a lead', async () => {
    for (const suffix of ['', '/notes', '/events']) {
      assert.equal((await check(`/v1/leads/${FOREIGN_TEAM_LEAD_ID}${suffix}`, 403)).json.error.code, 'forbidden');
      assert.equal((await check(`/v1/leads/L-00000${suffix}`, 404)).json.error.code, 'not_found');
    }
  });

  it('429 rate_limited with Retry-After and X-RateLimit-*, and 5XX server_error, on every operation', async () => {
    fixture.sandbox.setFaults({ rateLimit: { limit: 0, windowSeconds: 60 } });
    for (const path of pathsOfEveryOperation()) assert.equal((await check(path, 429)).json.error.code, 'rate_limited');
    fixture.sandbox.setFaults({ rateLimit: null, failEveryN: 1 });
    for (const path of pathsOfEveryOperation()) {
      await check(path, 503);
      await check(path, 500);
    }
  });

  it('the lead the sandbox types wrongly on purpose is caught by the document (the check can fail)', async () => {
    const answer = await apiGet(fixture.url, `/v1/leads/${OFF_CONTRACT_LEAD}`, token);
    const validate = validator.schemaAt(answerSchemaPointer('GET', '/v1/leads/{id}', 200)!);
    assert.equal(validate(answer.json), false);
    const fields = new Set(describeErrors(validate.errors).map((error) => error.split(' ')[0].split('/')[1]));
    assert.deepEqual([...fields].sort(), ['address', 'assignedAgentId', 'emails', 'phones', 'searchCriteria', 'tags', 'updatedAt']);
  });

  // Reads what the tests above saw, so it runs last and only makes sense with them (not alone under --grep).
  it('every operation of the document was answered with every status it declares', () => {
    const expected = contract.operations.flatMap((operation) =>
      declaredStatuses(operation.method, operation.path).map((status) => `${operation.method} ${operation.path} ${status}`),
    );
    assert.deepEqual([...seen].sort(), expected.sort());
  });

  function pathsOfEveryOperation(): string[] {
    return contract.operations.map((operation) => operation.path.replace('{id}', 'L-10001'));
  }
});

/** An error inside the one lead that is off contract on purpose (alone, or as an item of a page) is expected. */
function isOffContractLead(body: any, error: string): boolean {
  const pointer = error.split(' ')[0];
  if (body?.id === OFF_CONTRACT_LEAD) return pointer !== '/';
  const item = /^\/data\/(\d+)(\/|$)/.exec(pointer);
  return item !== null && body?.data?.[Number(item[1])]?.id === OFF_CONTRACT_LEAD && item[2] === '/';
}

function answerHeaderPointer(ref: string): string {
  return `${ref.slice(1)}/schema`;
}

/** The status keys an operation declares ('200', '401', '5XX', …). */
function declaredStatuses(method: string, path: string): string[] {
  return Object.keys(OPENAPI_DOCUMENT.paths[path][method.toLowerCase()].responses);
}
