import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { Agent } from 'undici';
import { accountFromMe } from '../../../src/core/auth/userInfo';
import { callbackError, parseCallback } from '../../../src/core/auth/callback';
import { TokenEndpoint } from '../../../src/core/auth/tokenEndpoint';
import { namedAccount } from '../../../src/core/explorer/requestAccount';
import { buildRequest } from '../../../src/core/explorer/requestFile/requestBuilder';
import { parseRequestFile } from '../../../src/core/explorer/requestFile/requestFileParser';
import { BoomTownError, isBoomTownError } from '../../../src/core/shared/errors';
import { silentLogger } from '../../../src/core/shared/logger';
import { errorDetail, shownText, ShownText } from '../../../src/core/shared/shownText';
import { loopbackServer } from '../../support/loopback';
import { INJECTIONS, liveMarkup } from '../helpers/liveMarkup';

/** What the error boundary shows for an error: its detail inside one of the boundary's own framings. */
function shownForError(error: unknown): string {
  assert.ok(error instanceof BoomTownError, String(error));
  return shownText(l10n.t('BoomTown refused the sign-in: {0}'), errorDetail(error)).text;
}

function thrown(task: () => unknown): unknown {
  try {
    task();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}

const API = 'http://127.0.0.1:9/gw';

describe('outside text shown to the user is defused', () => {
  describe('shownText', () => {
    it('defuses string arguments, keeps numbers, and inserts a ShownText as it is (no second escaping)', () => {
      const inner = shownText(l10n.t('said {0}'), '[x](command:foo)');
      const outer = shownText(l10n.t('{0} / {1} / {2}'), '<img src=x>', 3, inner);
      assert.equal(outer.text, '\\<img src=x\\> / 3 / said \\[x\\]\\(command:foo\\)');
    });
    it('substitutes once: an argument holding {1} stays as written', () => {
      assert.equal(shownText(l10n.t('{0} and {1}'), '{1}', 'b').text, '{1} and b');
    });
    it('cannot be made but by shownText', () => {
      assert.throws(() => new (ShownText as unknown as new (token: unknown, text: string) => ShownText)(Symbol('ShownText'), '[x](command:foo)'), TypeError);
    });
  });

  for (const injection of INJECTIONS) {
    describe(`injection ${injection}`, () => {
      it("a request file's # @account line, when no such account is signed in", () => {
        const file = parseRequestFile(`# @account ${injection}\nGET /v1/leads\n`);
        const account = file.requests[0].account;
        assert.ok(account?.includes(injection.trim()), account);
        const shown = shownForError(thrown(() => namedAccount(account ?? '', [{ id: '1', label: 'jane@example.com' }])));
        assert.ok(shown.includes('which is not signed in'), shown);
        assert.deepEqual(liveMarkup(shown), []);
      });

      it('an undefined {{variable}} in a header, a URL and a body', () => {
        const name = injection.replace(/[{}]/g, '');
        for (const text of [`GET /v1/leads\nX-Test: {{${name}}}\n`, `GET /v1/leads/{{${name}}}\n`, `POST /v1/leads\n\n{"a": "{{${name}}}"}\n`]) {
          const file = parseRequestFile(text);
          const error = thrown(() => buildRequest(file.requests[0], file, API));
          assert.ok(isBoomTownError(error, 'badInput'), String(error));
          const shown = shownForError(error);
          assert.ok(shown.includes('not defined in this file'), shown);
          assert.deepEqual(liveMarkup(shown), [], shown);
        }
      });

      it("the token endpoint's error and error_description (over loopback HTTP)", async () => {
        const server = await loopbackServer((_request, response) => {
          response.writeHead(400, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: injection, error_description: `${injection} ${injection}` }));
        });
        const agent = new Agent();
        try {
          const endpoint = new TokenEndpoint({ dispatcher: agent, timeoutMs: 2000, revokeTimeoutMs: 2000, logger: silentLogger, now: () => 0 });
          const error = await endpoint.refresh({ authUrl: server.url, refreshToken: 'r', credentials: { clientId: 'c', clientSecret: 's' }, previousScopes: [] }).then(
            () => assert.fail('expected a refusal'),
            (failure: unknown) => failure,
          );
          const shown = shownForError(error);
          assert.ok(shown.includes('refused the request'), shown);
          assert.deepEqual(liveMarkup(shown), []);
        } finally {
          await agent.close();
          await server.close();
        }
      });

      it("a callback's error and error_description", () => {
        for (const error of ['access_denied', 'server_error', injection]) {
          const params = parseCallback(`vscode://x/callback?state=s&error=${encodeURIComponent(error)}&error_description=${encodeURIComponent(injection)}`);
          assert.ok(params?.error && params.errorDescription);
          const shown = shownForError(callbackError(params.error, params.errorDescription));
          assert.deepEqual(liveMarkup(shown), [], shown);
        }
      });

      it("a /v1/me e-mail as the account label, in the sign-in and session-ended messages and a tooltip", () => {
        const account = accountFromMe({ id: 'u1', email: injection });
        assert.equal(account.label, injection.trim());
        for (const message of [
          l10n.t('Signed in to BoomTown as {0}.'),
          l10n.t('Your BoomTown session for {0} has ended. Sign in again to continue.'),
          l10n.t('Signed out of BoomTown ({0}).'),
          l10n.t('Signed in to BoomTown as {0}. Click to fetch leads.'),
        ]) {
          assert.deepEqual(liveMarkup(shownText(message, account.label).text), []);
        }
      });

      it('an error made without a template (its whole message is defused)', () => {
        assert.deepEqual(liveMarkup(shownForError(new BoomTownError('network', `connect failed: ${injection}`))), []);
      });
    });
  }

  it('the checks would catch the text as it came', () => {
    const error = thrown(() => namedAccount('[x](command:foo)', []));
    assert.ok(error instanceof BoomTownError);
    assert.notDeepEqual(liveMarkup(error.message), []);
    assert.notDeepEqual(liveMarkup(l10n.t('Signed in to BoomTown as {0}.', '![x](https://host/beacon.png)')), []);
  });
});
