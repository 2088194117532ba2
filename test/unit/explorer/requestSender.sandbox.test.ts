import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { HttpClient } from '../../../src/core/api/httpClient';
import { renderAnswer } from '../../../src/core/explorer/answerDocument';
import { nextPageOffset, withOffset } from '../../../src/core/explorer/nextPage';
import { buildRequest } from '../../../src/core/explorer/requestFile/requestBuilder';
import { parseRequestFile } from '../../../src/core/explorer/requestFile/requestFileParser';
import { RequestHistory } from '../../../src/core/explorer/requestHistory';
import { RequestSender } from '../../../src/core/explorer/requestSender';
import { systemClock } from '../../../src/core/shared/ports';
import { startSignedIn, type SandboxSession } from '../api/helpers/sandboxSession';
import { file } from './helpers/requestFileBuilders';
import { MemoryState } from '../helpers/memoryState';

/** Request files sent for real: parser, builder, sender and API client against the sandbox on loopback. */
describe('request files against the sandbox', () => {
  let session: SandboxSession;
  let http: HttpClient;
  let history: RequestHistory;
  let state: MemoryState;
  let sender: RequestSender;

  before(async () => {
    session = await startSignedIn({ leads: 60 });
  });
  after(async () => session.close());
  beforeEach(() => {
    session.sandbox.resetCounters();
    http = new HttpClient({ dispatcher: session.dispatcher, config: () => ({ apiUrl: session.sandbox.url }), tokens: session.tokens, version: 'test' });
    state = new MemoryState();
    history = new RequestHistory(state);
    sender = new RequestSender({ http, history, clock: systemClock, newId: randomUUID });
  });

  function request(text: string, index = 0) {
    const parsed = parseRequestFile(text);
    return { ...buildRequest(parsed.requests[index], parsed, session.sandbox.url), source: 'untitled:api.http' };
  }

  it('sends /v1/ and {{boomtown.apiUrl}} requests with the session\'s bearer, and pages on', async () => {
    const text = file('@limit = 7', '### leads', 'GET {{boomtown.apiUrl}}/v1/leads?limit={{limit}}', '', '### me', '/v1/me');
    const me = await sender.send(request(text, 1), session.tokens);
    assert.equal(me.response.status, 200);
    const page = await sender.send(request(text, 0), session.tokens);
    assert.equal(nextPageOffset(page), 7);
    const next = await sender.send(withOffset(page.request, 7), session.tokens);
    assert.equal((JSON.parse(next.response.bodyText) as { _metadata: { offset: number } })._metadata.offset, 7);
    const records = session.sandbox.requests().filter((r) => r.path.startsWith('/v1/'));
    assert.deepEqual(records.map((r) => [r.method, r.path, r.status, r.authScheme]), [
      ['GET', '/v1/me', 200, 'bearer'],
      ['GET', '/v1/leads', 200, 'bearer'],
      ['GET', '/v1/leads', 200, 'bearer'],
    ]);
  });

  it('shows a POST\'s answer as it came (the sandbox knows only GETs), with its JSON Content-Type', async () => {
    const record = await sender.send(request(file('POST /v1/leads', '', '{"firstName": "Ada"}')), session.tokens);
    assert.equal(record.response.status, 405);
    assert.equal(record.response.headers.allow, 'GET');
    const [seen] = session.sandbox.requests();
    assert.equal(seen.contentType, 'application/json');
    assert.equal(seen.authScheme, 'bearer');
    assert.ok(renderAnswer(record).startsWith(`// POST ${session.sandbox.url}/v1/leads\n// 405 Method Not Allowed`));
  });

  it('refreshes once after a 401 and retries, then answers', async () => {
    session.sandbox.expireAccessTokens();
    const before = session.sandbox.counters().byGrant.refresh_token ?? 0;
    const record = await sender.send(request('GET /v1/me'), session.tokens);
    assert.equal(record.response.status, 200);
    assert.equal(record.response.attempts, 2);
    assert.equal(session.sandbox.counters().byGrant.refresh_token ?? 0, before + 1);
  });

  it('keeps no token anywhere: not in the record, the answer, or the stored history', async () => {
    const { accessToken } = await session.tokens.getAccessToken();
    // A request that sets its own Authorization with the real token: sent as written, never kept.
    const own = await sender.send(request(file('GET /v1/me', `Authorization: Bearer ${accessToken}`, 'X-Echo: ' + accessToken)), session.tokens);
    assert.equal(own.response.status, 200);
    const plain = await sender.send(request('GET /v1/me'), session.tokens);
    const everything = JSON.stringify([own, plain, [...state.values], renderAnswer(own), renderAnswer(plain)]);
    assert.ok(!everything.includes(accessToken), 'the access token leaked');
    assert.ok(!/authorization/i.test(JSON.stringify(own.request.headers)));
    assert.equal(history.list().length, 2);
  });

  it('refuses to send the session anywhere but the configured API', async () => {
    await assert.rejects(
      http.exchange({ method: 'GET', url: 'http://127.0.0.1:9/v1/me' }),
      (error: Error & { reason?: string }) => error.reason === 'badInput',
    );
    assert.equal(session.sandbox.counters().total, 0);
  });
});
