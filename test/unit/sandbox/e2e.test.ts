import assert from 'node:assert/strict';
import { start, type Sandbox } from '../../sandbox/index';
import { apiGet, authorizeCode, exchangeCode, fetchAllPages, postOAuth, refresh, signIn } from '../../sandbox/drivers/testClient';

/** The whole life of a session over real HTTP, as the extension will live it. */
describe('sandbox end to end: a sign-in script', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await start({ autoApprove: true });
  });
  after(async () => {
    await sandbox.stop();
  });

  it('authorize -> token -> refresh (rotation) -> reuse detection -> revoke -> /v1/me -> every list to the end', async () => {
    const url = sandbox.url;

    // authorize (auto-approved) and exchange the code
    const authorized = await authorizeCode(url, { loginHint: 'u_2', scope: 'offline_access leads:read agents:read profile' });
    const tokens = await exchangeCode(url, authorized);
    assert.equal(tokens.status, 200);
    const first = tokens.json;

    // refresh with rotation
    const rotated = await refresh(url, first.refresh_token);
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.json.refresh_token, first.refresh_token);
    assert.equal((await apiGet(url, '/v1/me', rotated.json.access_token)).json.id, 'u_2');

    // reuse detection: the old refresh token again ends the whole chain
    assert.equal((await refresh(url, first.refresh_token)).json.error, 'invalid_grant');
    assert.equal((await apiGet(url, '/v1/me', rotated.json.access_token)).status, 401);
    assert.equal((await refresh(url, rotated.json.refresh_token)).json.error, 'invalid_grant');

    // revoke: a new session signs out; another stays signed in
    const leaving = await signIn(url);
    const staying = await signIn(url, { loginHint: 'u_3' });
    assert.equal((await postOAuth(url, '/oauth/revoke', { token: leaving.refreshToken!, token_type_hint: 'refresh_token' })).status, 200);
    assert.equal((await apiGet(url, '/v1/me', leaving.accessToken)).status, 401);

    // /v1/me
    const me = await apiGet(url, '/v1/me', staying.accessToken);
    assert.deepEqual(me.json, { id: 'u_3', email: null, firstName: 'Priya', lastName: 'Raman', teamId: 'T-1' });

    // every list, paged to the end by the limit the server reports (asked 250, granted 100)
    const leads = await fetchAllPages(url, '/v1/leads', staying.accessToken, 250);
    assert.equal(leads.pages, 5);
    assert.equal(new Set(leads.items.map((lead) => lead.id)).size, 500);
    const agents = await fetchAllPages(url, '/v1/agents', staying.accessToken, 5);
    assert.equal(agents.items.length, 12);
    for (const lead of leads.items.slice(0, 15)) {
      const notes = await fetchAllPages(url, `/v1/leads/${lead.id}/notes`, staying.accessToken, 2);
      const events = await fetchAllPages(url, `/v1/leads/${lead.id}/events`, staying.accessToken, 4);
      assert.ok(notes.items.every((note) => note.leadId === lead.id));
      assert.ok(events.items.length >= 1 && events.items.every((event) => event.leadId === lead.id));
    }

    // and without total, the same walk ends on a short page
    sandbox.setOptions({ includeTotal: false });
    const withoutTotal = await fetchAllPages(url, '/v1/leads', staying.accessToken, 100);
    assert.deepEqual(withoutTotal.items.map((lead) => lead.id), leads.items.map((lead) => lead.id));

    assert.deepEqual(sandbox.counters().byGrant, { authorization_code: 3, refresh_token: 3 });
  });
});
