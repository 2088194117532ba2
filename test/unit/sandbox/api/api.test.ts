import assert from 'node:assert/strict';
import { FOREIGN_TEAM_LEAD_ID } from '../../../sandbox/index';
import { apiGet, fetchAllPages, headerOf, httpRequest, refresh, signIn, type HttpAnswer } from '../../../sandbox/drivers/testClient';
import { useSandbox } from '../helpers';

function assertInvalidToken(answer: HttpAnswer): void {
  assert.equal(answer.status, 401);
  assert.match(headerOf(answer, 'www-authenticate') ?? '', /^Bearer .*error="invalid_token"/);
  assert.equal(answer.json.error.code, 'invalid_token');
  assert.equal(typeof answer.json.error.message, 'string');
}

describe('sandbox API', () => {
  const fixture = useSandbox(() => ({ autoApprove: true }));
  let token: string;
  beforeEach(async () => {
    token = (await signIn(fixture.url)).accessToken;
  });

  describe('GET /v1/me', () => {
    it('answers the signed-in user as the contract shows', async () => {
      const answer = await apiGet(fixture.url, '/v1/me', token);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { id: 'u_1', email: 'ada.nguyen@boomtown-sandbox.example', firstName: 'Ada', lastName: 'Nguyen', teamId: 'T-1' });
    });

    it('user 3 has a null email', async () => {
      const session = await signIn(fixture.url, { loginHint: 'u_3' });
      assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).json.email, null);
    });
  });

  describe('401 invalid_token with WWW-Authenticate', () => {
    it('without a token, with another scheme, or with an unknown token', async () => {
      assertInvalidToken(await apiGet(fixture.url, '/v1/leads'));
      assertInvalidToken(await httpRequest(`${fixture.url}/v1/me`, { headers: { authorization: `Basic ${token}` } }));
      assertInvalidToken(await apiGet(fixture.url, '/v1/me', 'bt_at_forged'));
    });

    it('when the access token expired (after expires_in), and a refresh fixes it', async () => {
      const session = await signIn(fixture.url);
      fixture.clock.tick(3_599_000);
      assert.equal((await apiGet(fixture.url, '/v1/me', session.accessToken)).status, 200);
      fixture.clock.tick(1_000);
      assertInvalidToken(await apiGet(fixture.url, '/v1/me', session.accessToken));
      const refreshed = await refresh(fixture.url, session.refreshToken!);
      assert.equal((await apiGet(fixture.url, '/v1/me', refreshed.json.access_token)).status, 200);
    });

    it('with accessTokenTtlSeconds as low as 1', async () => {
      fixture.sandbox.setOptions({ accessTokenTtlSeconds: 1 });
      const session = await signIn(fixture.url);
      assert.equal(session.expiresIn, 1);
      fixture.clock.tick(1_000);
      assertInvalidToken(await apiGet(fixture.url, '/v1/me', session.accessToken));
    });

    it('after expireAccessTokens(), for every token issued so far only', async () => {
      const other = await signIn(fixture.url);
      fixture.sandbox.expireAccessTokens();
      assertInvalidToken(await apiGet(fixture.url, '/v1/me', token));
      assertInvalidToken(await apiGet(fixture.url, '/v1/me', other.accessToken));
      const refreshed = await refresh(fixture.url, other.refreshToken!);
      assert.equal((await apiGet(fixture.url, '/v1/me', refreshed.json.access_token)).status, 200);
    });
  });

  describe('leads by id', () => {
    it('GET /v1/leads/{id} answers the same lead as the list', async () => {
      const list = await apiGet(fixture.url, '/v1/leads?limit=1', token);
      const lead = list.json.data[0];
      const answer = await apiGet(fixture.url, `/v1/leads/${lead.id}`, token);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, lead);
    });

    it('404 not_found for an unknown lead, its notes and its events', async () => {
      for (const path of ['/v1/leads/L-00000', '/v1/leads/L-00000/notes', '/v1/leads/L-00000/events', '/v1/leads/%E2%80%AE']) {
        const answer = await apiGet(fixture.url, path, token);
        assert.equal(answer.status, 404, path);
        assert.equal(answer.json.error.code, 'not_found');
      }
    });

    it(`403 forbidden for ${FOREIGN_TEAM_LEAD_ID} (another team's lead), its notes and its events`, async () => {
      for (const path of [`/v1/leads/${FOREIGN_TEAM_LEAD_ID}`, `/v1/leads/${FOREIGN_TEAM_LEAD_ID}/notes`, `/v1/leads/${FOREIGN_TEAM_LEAD_ID}/events`]) {
        const answer = await apiGet(fixture.url, path, token);
        assert.equal(answer.status, 403, path);
        assert.equal(answer.json.error.code, 'forbidden');
      }
    });

    it(`${FOREIGN_TEAM_LEAD_ID} is in no list`, async () => {
      const { items } = await fetchAllPages(fixture.url, '/v1/leads', token);
      assert.equal(items.length, 60);
      assert.ok(!items.some((lead) => lead.id === FOREIGN_TEAM_LEAD_ID));
    });

    it('authentication comes before the lead lookup', async () => {
      assertInvalidToken(await apiGet(fixture.url, '/v1/leads/L-00000'));
    });
  });

  describe('unknown routes and methods', () => {
    it('404 with the contract error body, with or without a token', async () => {
      for (const [path, bearer] of [['/v1/nothing', token], ['/v1/nothing', undefined], ['/', undefined], ['/oauth/nothing', undefined]] as const) {
        const answer = await apiGet(fixture.url, path, bearer);
        assert.equal(answer.status, 404, path);
        assert.equal(answer.json.error.code, 'not_found');
        assert.equal(typeof answer.json.error.message, 'string');
      }
    });

    it('405 with Allow for a known path and the wrong method', async () => {
      const answer = await httpRequest(`${fixture.url}/v1/leads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
      assert.equal(answer.status, 405);
      assert.equal(headerOf(answer, 'allow'), 'GET');
      assert.equal(answer.json.error.code, 'bad_request');
    });
  });
});
