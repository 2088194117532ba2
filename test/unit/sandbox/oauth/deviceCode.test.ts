import assert from 'node:assert/strict';
import { apiGet, decideDeviceCode, headerOf, httpRequest, pollDeviceToken, refresh, requestDeviceCode } from '../../../sandbox/drivers/testClient';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../../sandbox/index';
import { useSandbox } from '../helpers';

describe('sandbox device authorization grant (RFC 8628)', () => {
  const fixture = useSandbox(() => ({ deviceIntervalSeconds: 5, deviceCodeTtlSeconds: 600 }));
  const tick = (seconds: number) => fixture.clock.tick(seconds * 1000);

  async function deviceCode(scope?: string) {
    const answer = await requestDeviceCode(fixture.url, scope);
    assert.equal(answer.status, 200, answer.text);
    return answer.json as { device_code: string; user_code: string; verification_uri: string; verification_uri_complete: string; expires_in: number; interval: number };
  }

  it('answers a device code, a user code and where to enter it', async () => {
    const answer = await requestDeviceCode(fixture.url);
    assert.equal(headerOf(answer, 'cache-control'), 'no-store');
    const body = answer.json;
    assert.match(body.device_code, /^bt_dc_/);
    assert.match(body.user_code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    assert.equal(body.verification_uri, `${fixture.url}/oauth/device`);
    assert.equal(body.verification_uri_complete, `${fixture.url}/oauth/device?user_code=${body.user_code}`);
    assert.equal(body.expires_in, 600);
    assert.equal(body.interval, 5);
  });

  it('authenticates the client as the token endpoint does, and checks the scope as authorize does', async () => {
    const wrong = await requestDeviceCode(fixture.url, undefined, { clientId: DEFAULT_CLIENT_ID, clientSecret: 'wrong' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error, 'invalid_client');
    const basic = await requestDeviceCode(fixture.url, undefined, { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, auth: 'basic' });
    assert.equal(basic.status, 200);
    fixture.sandbox.setOptions({ clientAuthentication: 'basic' });
    assert.equal((await requestDeviceCode(fixture.url)).json.error, 'invalid_client');
    fixture.sandbox.setOptions({ clientAuthentication: 'any' });
    const unknownScope = await requestDeviceCode(fixture.url, 'leads:read admin:all');
    assert.equal(unknownScope.status, 400);
    assert.equal(unknownScope.json.error, 'invalid_scope');
    assert.equal((await requestDeviceCode(fixture.url, '')).json.error, 'invalid_scope');
  });

  it('pending, then tokens once approved on the page (with a refresh token for offline_access), then the code is used up', async () => {
    const device = await deviceCode();
    const pending = await pollDeviceToken(fixture.url, device.device_code);
    assert.equal(pending.status, 400);
    assert.equal(pending.json.error, 'authorization_pending');
    const decided = await decideDeviceCode(fixture.url, device.user_code, 'approve', 'u_2');
    assert.equal(decided.status, 200);
    assert.match(decided.text, /Device connected/);
    tick(5);
    const tokens = await pollDeviceToken(fixture.url, device.device_code);
    assert.equal(tokens.status, 200, tokens.text);
    assert.match(tokens.json.access_token, /^bt_at_/);
    assert.match(tokens.json.refresh_token, /^bt_rt_/);
    const me = await apiGet(fixture.url, '/v1/me', tokens.json.access_token);
    assert.equal(me.json.id, 'u_2');
    assert.equal((await refresh(fixture.url, tokens.json.refresh_token)).status, 200);
    tick(5);
    const again = await pollDeviceToken(fixture.url, device.device_code);
    assert.equal(again.json.error, 'invalid_grant');
  });

  it('no refresh token without offline_access', async () => {
    const device = await deviceCode('leads:read profile');
    await decideDeviceCode(fixture.url, device.user_code, 'approve');
    const tokens = await pollDeviceToken(fixture.url, device.device_code);
    assert.equal(tokens.status, 200);
    assert.equal(tokens.json.refresh_token, undefined);
  });

  it('slow_down when polled sooner than the interval, each adding 5 s; counted at the server', async () => {
    const device = await deviceCode();
    assert.equal((await pollDeviceToken(fixture.url, device.device_code)).json.error, 'authorization_pending');
    tick(2);
    assert.equal((await pollDeviceToken(fixture.url, device.device_code)).json.error, 'slow_down');
    tick(5); // 5 s: was enough before, but the interval is now 10 s
    assert.equal((await pollDeviceToken(fixture.url, device.device_code)).json.error, 'slow_down');
    tick(15);
    assert.equal((await pollDeviceToken(fixture.url, device.device_code)).json.error, 'authorization_pending');
    const [record] = fixture.sandbox.devicePolls();
    assert.deepEqual(record, { userCode: device.user_code, status: 'pending', polls: 4, slowDowns: 2, intervalSeconds: 15, gapsMs: [2000, 5000, 15000] });
    const admin = await httpRequest(`${fixture.url}/admin/device-codes`);
    assert.deepEqual(admin.json.deviceCodes, [record]);
    assert.ok(!admin.text.includes(device.device_code), 'the device code itself is never shown');
    assert.equal(fixture.sandbox.counters().byGrant.device_code, 4);
  });

  it('access_denied after the user denies', async () => {
    const device = await deviceCode();
    const decided = await decideDeviceCode(fixture.url, device.user_code, 'deny');
    assert.match(decided.text, /Access denied/);
    const answer = await pollDeviceToken(fixture.url, device.device_code);
    assert.equal(answer.json.error, 'access_denied');
  });

  it('expired_token once the device code has expired, even if approved', async () => {
    const device = await deviceCode();
    await decideDeviceCode(fixture.url, device.user_code, 'approve');
    tick(600);
    assert.equal((await pollDeviceToken(fixture.url, device.device_code)).json.error, 'expired_token');
  });

  it('refuses an unknown device code, another client, a missing one', async () => {
    const device = await deviceCode();
    assert.equal((await pollDeviceToken(fixture.url, 'bt_dc_nothing')).json.error, 'invalid_grant');
    assert.equal((await pollDeviceToken(fixture.url, '')).json.error, 'invalid_request');
    const other = { clientId: 'other', clientSecret: 'other-secret', name: 'Other', redirectUris: [] };
    fixture.sandbox.clients.push(other);
    assert.equal((await pollDeviceToken(fixture.url, device.device_code, other)).json.error, 'invalid_grant');
  });

  describe('the user-code page', () => {
    it('without a code: a form to enter it', async () => {
      const page = await httpRequest(`${fixture.url}/oauth/device`);
      assert.equal(page.status, 200);
      assert.match(page.text, /id="user_code" name="user_code"/);
      assert.match(headerOf(page, 'content-security-policy') ?? '', /default-src 'none'.*form-action 'self'(;|$)/);
    });

    it('with verification_uri_complete: the code shown, a user to pick, approve and deny buttons', async () => {
      const device = await deviceCode();
      const page = await httpRequest(device.verification_uri_complete);
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(`id="shown_code">${device.user_code}<`));
      assert.match(page.text, /id="approve"/);
      assert.match(page.text, /id="deny"/);
      assert.match(page.text, /name="user" value="u_1" checked/);
      assert.match(headerOf(page, 'content-security-policy') ?? '', /form-action 'self'(;|$)/);
    });

    it('a typed code is forgiven case and separators', async () => {
      const device = await deviceCode();
      const typed = device.user_code.replace('-', ' ').toLowerCase();
      const page = await httpRequest(`${fixture.url}/oauth/device?user_code=${encodeURIComponent(typed)}`);
      assert.match(page.text, /id="approve"/);
    });

    it('an unknown or answered code: 400 with the form again; a second decision is refused', async () => {
      const unknown = await httpRequest(`${fixture.url}/oauth/device?user_code=BBBB-BBBB`);
      assert.equal(unknown.status, 400);
      assert.match(unknown.text, /id="problem"/);
      const device = await deviceCode();
      await decideDeviceCode(fixture.url, device.user_code, 'deny');
      assert.equal((await httpRequest(device.verification_uri_complete)).status, 400);
      assert.equal((await decideDeviceCode(fixture.url, device.user_code, 'approve')).status, 400);
      assert.equal((await pollDeviceToken(fixture.url, device.device_code)).json.error, 'access_denied');
    });

    it('autoApprove approves a code on visiting its page', async () => {
      fixture.sandbox.setOptions({ autoApprove: 'u_3' });
      const device = await deviceCode();
      const page = await httpRequest(device.verification_uri_complete);
      assert.match(page.text, /Device connected/);
      const tokens = await pollDeviceToken(fixture.url, device.device_code);
      assert.equal((await apiGet(fixture.url, '/v1/me', tokens.json.access_token)).json.id, 'u_3');
    });
  });

  it('switched off: no endpoint, no page, no grant type', async () => {
    const device = await deviceCode();
    fixture.sandbox.setOptions({ deviceGrant: false });
    assert.equal((await requestDeviceCode(fixture.url)).status, 404);
    assert.equal((await httpRequest(`${fixture.url}/oauth/device`)).status, 404);
    assert.equal((await pollDeviceToken(fixture.url, device.device_code)).json.error, 'unsupported_grant_type');
  });
});
