import assert from 'node:assert/strict';
import { parseTokenResponse, shouldRefresh } from '../../../src/core/auth/tokens';
import { BoomTownError, type ErrorReason } from '../../../src/core/shared/errors';
import { tokenAnswer } from './helpers/builders';

const NOW = 1_700_000_000_000;
const context = { now: NOW, fallbackScopes: ['leads:read'], previousRefreshToken: 'old-refresh-token' };

function parse(body: unknown): ReturnType<typeof parseTokenResponse> {
  return parseTokenResponse(typeof body === 'string' ? body : JSON.stringify(body), context);
}

describe('parseTokenResponse', () => {
  it('reads a complete answer', () => {
    const tokens = parse(tokenAnswer({ access_token: 'at-1', refresh_token: 'rt-1', expires_in: 3600, scope: 'leads:read  offline_access' }));
    assert.deepEqual(tokens, { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: NOW + 3600_000, issuedAt: NOW, scopes: ['leads:read', 'offline_access'] });
  });

  it('tolerates what the contract allows to be missing or loose', () => {
    const table: Array<[string, Record<string, unknown>, Partial<ReturnType<typeof parseTokenResponse>>]> = [
      ['no expires_in: valid until a 401', { expires_in: undefined }, { expiresAt: undefined }],
      ['expires_in null', { expires_in: null }, { expiresAt: undefined }],
      ['expires_in as a numeric string', { expires_in: '60' }, { expiresAt: NOW + 60_000 }],
      ['expires_in nonsense counts as absent', { expires_in: 'soon' }, { expiresAt: undefined }],
      ['negative expires_in counts as absent', { expires_in: -5 }, { expiresAt: undefined }],
      ['expires_in 0: expired at once', { expires_in: 0 }, { expiresAt: NOW }],
      ['absurd expires_in (1e308, valid JSON): valid until a 401, never Infinity', { expires_in: 1e308 }, { expiresAt: undefined }],
      ['expires_in beyond ten years: valid until a 401', { expires_in: 10 * 365 * 24 * 3600 + 1 }, { expiresAt: undefined }],
      ['no refresh_token: keep the old one', { refresh_token: undefined }, { refreshToken: 'old-refresh-token' }],
      ['empty refresh_token: keep the old one', { refresh_token: '' }, { refreshToken: 'old-refresh-token' }],
      ['no scope: keep the requested ones', { scope: undefined }, { scopes: ['leads:read'] }],
      ['blank scope: keep the requested ones', { scope: '  ' }, { scopes: ['leads:read'] }],
      ['token_type in lower case', { token_type: 'bearer' }, {}],
      ['no token_type', { token_type: undefined }, {}],
      ['unknown fields are ignored', { id_token: 'x', extra: { a: 1 } }, {}],
    ];
    for (const [name, overrides, expected] of table) {
      const tokens = parse(tokenAnswer({ access_token: 'at-x', ...overrides }));
      assert.equal(tokens.accessToken, 'at-x', name);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(tokens[key as keyof typeof tokens], value, name);
    }
  });

  it('turns broken answers into malformedResponse, and OAuth errors in a 200 into their reason', () => {
    const table: Array<[string, unknown, ErrorReason]> = [
      ['HTML', '<html><body>Bad gateway</body></html>', 'malformedResponse'],
      ['empty body', '', 'malformedResponse'],
      ['JSON array', '[]', 'malformedResponse'],
      ['JSON string', '"token"', 'malformedResponse'],
      ['null', 'null', 'malformedResponse'],
      ['missing access_token', { token_type: 'Bearer', expires_in: 60 }, 'malformedResponse'],
      ['empty access_token', tokenAnswer({ access_token: '' }), 'malformedResponse'],
      ['numeric access_token', tokenAnswer({ access_token: 42 }), 'malformedResponse'],
      ['a MAC token', tokenAnswer({ token_type: 'mac' }), 'malformedResponse'],
      ['invalid_grant in a 200', { error: 'invalid_grant' }, 'invalidGrant'],
      ['other error in a 200', { error: 'temporarily_unavailable' }, 'oauthError'],
    ];
    for (const [name, body, reason] of table) {
      assert.throws(
        () => parse(body),
        (error: unknown) => error instanceof BoomTownError && error.reason === reason,
        name,
      );
    }
  });

  it('never puts token values into its errors', () => {
    try {
      parse({ token_type: 'mac', access_token: 'secret-access-value', refresh_token: 'secret-refresh-value' });
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(!String((error as Error).message).includes('secret-'));
    }
  });
});

describe('expiry rules', () => {
  const MINUTE = 60_000;
  const WINDOW = 5 * MINUTE;
  const hourToken = (minutesLeft: number) => ({ issuedAt: NOW - 60 * MINUTE + minutesLeft * MINUTE, expiresAt: NOW + minutesLeft * MINUTE });

  it('shouldRefresh: within the window of a long-lived token, never without an expiry', () => {
    const table: Array<[string, { issuedAt?: number; expiresAt?: number }, boolean]> = [
      ['55 minutes left', hourToken(55), false],
      ['5 minutes and a second left', { ...hourToken(5), expiresAt: NOW + WINDOW + 1000 }, false],
      ['exactly 5 minutes left', hourToken(5), true],
      ['4 minutes left', hourToken(4), true],
      ['expired', hourToken(-1), true],
      ['no expiry known', { issuedAt: NOW }, false],
      ['short-lived (2 min) token, fresh', { issuedAt: NOW, expiresAt: NOW + 2 * MINUTE }, false],
      ['short-lived (2 min) token, past half its life', { issuedAt: NOW - 61_000, expiresAt: NOW + 59_000 }, true],
      ['unknown issue time uses the full window', { expiresAt: NOW + 4 * MINUTE }, true],
      ['2 s lifetime, 1.5 s left: fresh (the margin is half its life, 1 s)', { issuedAt: NOW - 500, expiresAt: NOW + 1500 }, false],
      ['2 s lifetime, 1 s left: half its life', { issuedAt: NOW - 1000, expiresAt: NOW + 1000 }, true],
      ['no lifetime (issued as it expires), not yet expired: no margin', { issuedAt: NOW + 1000, expiresAt: NOW + 1000 }, false],
      ['no lifetime, expired', { issuedAt: NOW, expiresAt: NOW }, true],
    ];
    for (const [name, token, expected] of table) assert.equal(shouldRefresh(token, NOW, WINDOW), expected, name);
  });
});
