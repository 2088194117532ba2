import assert from 'node:assert/strict';
import { DEVICE_GRANT_TYPE, OAUTH_METADATA_PATH, OPENID_METADATA_PATH } from '../../../sandbox/index';
import { headerOf, httpRequest } from '../../../sandbox/drivers/testClient';
import { useSandbox } from '../helpers';

describe('sandbox discovery (RFC 8414, OpenID Connect Discovery)', () => {
  describe('by default', () => {
    const fixture = useSandbox();

    for (const path of [OAUTH_METADATA_PATH, OPENID_METADATA_PATH]) {
      it(`${path}: the issuer is the URL as reached, every endpoint absolute, S256 only`, async () => {
        const answer = await httpRequest(`${fixture.url}${path}`);
        assert.equal(answer.status, 200);
        assert.match(headerOf(answer, 'content-type') ?? '', /^application\/json/);
        const doc = answer.json;
        assert.equal(doc.issuer, fixture.url);
        assert.equal(doc.authorization_endpoint, `${fixture.url}/oauth/authorize`);
        assert.equal(doc.token_endpoint, `${fixture.url}/oauth/token`);
        assert.equal(doc.revocation_endpoint, `${fixture.url}/oauth/revoke`);
        assert.equal(doc.device_authorization_endpoint, `${fixture.url}/oauth/device_authorization`);
        assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
        assert.deepEqual(doc.response_types_supported, ['code']);
        assert.deepEqual(doc.grant_types_supported, ['authorization_code', 'refresh_token', DEVICE_GRANT_TYPE]);
        assert.equal(doc.authorization_response_iss_parameter_supported, false);
      });
    }

    it('the issuer follows the Host the client used (localhost and 127.0.0.1 are different issuers)', async () => {
      const port = new URL(fixture.url).port;
      const answer = await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}`, { headers: { host: `localhost:${port}` } });
      assert.equal(answer.json.issuer, `http://localhost:${port}`);
      assert.equal(answer.json.token_endpoint, `http://localhost:${port}/oauth/token`);
    });

    it('the path-inserted forms are 404 while the issuer has no path', async () => {
      assert.equal((await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}/tenant`)).status, 404);
      assert.equal((await httpRequest(`${fixture.url}/tenant${OPENID_METADATA_PATH}`)).status, 404);
    });

    it('options change it while running: only one document, none, a wrong issuer, no device grant, iss supported', async () => {
      fixture.sandbox.setOptions({ discovery: 'openid' });
      assert.equal((await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}`)).status, 404);
      assert.equal((await httpRequest(`${fixture.url}${OPENID_METADATA_PATH}`)).status, 200);
      fixture.sandbox.setOptions({ discovery: 'oauth' });
      assert.equal((await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}`)).status, 200);
      assert.equal((await httpRequest(`${fixture.url}${OPENID_METADATA_PATH}`)).status, 404);
      fixture.sandbox.setOptions({ discovery: 'none' });
      const none = await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}`);
      assert.equal(none.status, 404);
      assert.equal(none.json.error.code, 'not_found');
      fixture.sandbox.setOptions({ discovery: 'both', discoveryIssuer: 'https://other.example', deviceGrant: false, issuer: true });
      const doc = (await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}`)).json;
      assert.equal(doc.issuer, 'https://other.example');
      assert.equal(doc.device_authorization_endpoint, undefined);
      assert.deepEqual(doc.grant_types_supported, ['authorization_code', 'refresh_token']);
      assert.equal(doc.authorization_response_iss_parameter_supported, true);
    });

    it('the admin route sets the options too, and refuses a bad value', async () => {
      const set = (body: unknown) => httpRequest(`${fixture.url}/admin/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await set({ discovery: 'none' })).status, 200);
      assert.equal((await httpRequest(`${fixture.url}${OPENID_METADATA_PATH}`)).status, 404);
      assert.equal((await set({ discovery: 'some' })).status, 400);
      assert.equal((await set({ issuerPath: 'no-slash' })).status, 400);
    });
  });

  describe('malformed', () => {
    const fixture = useSandbox(() => ({ discoveryMalformed: true }));
    it('answers 200 application/json that does not parse', async () => {
      const answer = await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}`);
      assert.equal(answer.status, 200);
      assert.match(headerOf(answer, 'content-type') ?? '', /^application\/json/);
      assert.equal(answer.json, undefined);
      assert.throws(() => JSON.parse(answer.text));
    });
  });

  describe('slow', () => {
    const fixture = useSandbox(() => ({ discoveryDelayMs: 400 }));
    it('answers the documents late, and nothing else', async () => {
      let started = performance.now();
      assert.equal((await httpRequest(`${fixture.url}${OPENID_METADATA_PATH}`)).status, 200);
      assert.ok(performance.now() - started >= 380, 'the document came late');
      started = performance.now();
      await httpRequest(`${fixture.url}/v1/me`);
      assert.ok(performance.now() - started < 300, 'other routes are not delayed');
    });
  });

  describe('an issuer with a path', () => {
    const fixture = useSandbox(() => ({ issuerPath: '/tenant', issuer: true }));
    it('serves the path-inserted documents (and OpenID appended), naming the issuer with its path', async () => {
      for (const path of [`${OAUTH_METADATA_PATH}/tenant`, `${OPENID_METADATA_PATH}/tenant`, `/tenant${OPENID_METADATA_PATH}`]) {
        const answer = await httpRequest(`${fixture.url}${path}`);
        assert.equal(answer.status, 200, path);
        assert.equal(answer.json.issuer, `${fixture.url}/tenant`);
        assert.equal(answer.json.token_endpoint, `${fixture.url}/oauth/token`);
      }
      assert.equal((await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}`)).status, 404);
      assert.equal((await httpRequest(`${fixture.url}${OAUTH_METADATA_PATH}/other`)).status, 404);
    });
  });
});
