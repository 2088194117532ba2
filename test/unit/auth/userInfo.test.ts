import assert from 'node:assert/strict';
import { accountFromMe, fetchAccount } from '../../../src/core/auth/userInfo';
import { BoomTownError, type ErrorReason } from '../../../src/core/shared/errors';
import { me } from './helpers/builders';
import { MockBoomTown } from './helpers/mockBoomTown';

describe('user info', () => {
  it('names the account: email, else "First Last", else the id', () => {
    const table: Array<[Record<string, unknown>, { id: string; label: string }]> = [
      [me(), { id: 'u_1', label: 'ada@example.com' }],
      [me({ email: undefined }), { id: 'u_1', label: 'Ada Nguyen' }],
      [me({ email: '' }), { id: 'u_1', label: 'Ada Nguyen' }],
      [me({ email: null, lastName: null }), { id: 'u_1', label: 'Ada' }],
      [me({ email: 7, firstName: undefined, lastName: undefined }), { id: 'u_1', label: 'u_1' }],
      [me({ id: 42 }), { id: '42', label: 'ada@example.com' }],
    ];
    for (const [body, account] of table) assert.deepEqual(accountFromMe(body), account, JSON.stringify(body));
  });

  it('refuses an answer without a user id', () => {
    for (const id of [undefined, null, '', ' ', {}]) {
      assert.throws(() => accountFromMe(me({ id })), (e: unknown) => e instanceof BoomTownError && e.reason === 'malformedResponse');
    }
  });

  describe('GET /v1/me', () => {
    let server: MockBoomTown;
    beforeEach(() => (server = new MockBoomTown()));
    afterEach(() => server.close());

    it('sends the access token as a Bearer header', async () => {
      const account = await fetchAccount({ dispatcher: server.agent, apiUrl: server.apiUrl, accessToken: 'at-me', timeoutMs: 1000 });
      assert.deepEqual(account, { id: 'u_1', label: 'ada@example.com' });
      assert.deepEqual(server.meAuthorizations, ['Bearer at-me']);
    });

    it('maps failures to typed errors', async () => {
      const table: Array<[number, unknown, ErrorReason]> = [
        [401, { error: { code: 'invalid_token' } }, 'notSignedIn'],
        [403, '', 'forbidden'],
        [500, '', 'serverError'],
        [200, '<html></html>', 'malformedResponse'],
        [200, [], 'malformedResponse'],
      ];
      for (const [status, body, reason] of table) {
        server.onMe = () => ({ status, body });
        await assert.rejects(
          fetchAccount({ dispatcher: server.agent, apiUrl: server.apiUrl, accessToken: 'at-me', timeoutMs: 1000 }),
          (e: unknown) => e instanceof BoomTownError && e.reason === reason,
          `${status}`,
        );
      }
    });
  });
});
