import type { RawExchange } from '../api/apiTypes';
import type { OutgoingRequest, SendOptions } from '../api/httpClient';
import type { TokenSource } from '../api/tokenSource';
import type { Clock } from '../shared/ports';
import { HIDDEN_REQUEST_HEADERS, scrubSecrets, type ExchangeRecord, type SentRequest } from './exchangeRecord';
import type { RequestHistory } from './requestHistory';

/** The part of HttpClient the sender uses. */
interface ExchangeClient {
  exchange(request: OutgoingRequest, options?: SendOptions): Promise<RawExchange>;
}

interface SenderDeps {
  http: ExchangeClient;
  history: RequestHistory;
  clock: Clock;
  /** Unique ids for records (crypto.randomUUID in production). */
  newId: () => string;
}

/**
 * The one way requests from request files, the history and "Send Request…" go out: through the
 * API client (token, 401 refresh, 429, retries, cancel), then into the history. The tokens handed
 * to the client are remembered for this exchange and scrubbed from what came back, so neither the
 * answer editor nor the history can ever hold one, even if a server echoed it.
 */
export class RequestSender {
  constructor(private readonly deps: SenderDeps) {}

  async send(request: SentRequest, tokens: TokenSource, options: Omit<SendOptions, 'tokens'> = {}): Promise<ExchangeRecord> {
    const seen = new Set<string>();
    const recording = recordTokens(tokens, seen);
    const at = this.deps.clock.now();
    const raw = await this.deps.http.exchange(
      { method: request.method, url: request.url, headers: request.headers, body: request.body, ownAuthorization: request.ownAuthorization },
      { ...options, tokens: recording },
    );
    for (const [name, value] of request.headers) if (name.toLowerCase() === 'authorization') seen.add(value.replace(/^\s*\w+\s+/, ''));
    const scrub = (text: string) => scrubSecrets(text, seen);
    const record: ExchangeRecord = {
      id: this.deps.newId(),
      at,
      request: {
        ...request,
        headers: request.headers.filter(([name]) => !HIDDEN_REQUEST_HEADERS.has(name.toLowerCase())).map(([name, value]): [string, string] => [name, scrub(value)]),
        url: scrub(request.url),
        body: request.body === undefined ? undefined : scrub(request.body),
      },
      response: {
        status: raw.status,
        durationMs: raw.durationMs,
        attempts: raw.attempts,
        headers: Object.fromEntries(Object.entries(raw.headers).map(([name, value]) => [name, scrub(value)])),
        bodyText: scrub(raw.bodyText),
        bytes: Buffer.byteLength(raw.bodyText, 'utf8'),
      },
    };
    // The answer is shown without waiting for workspace state to be written; a failed write only loses the history entry.
    this.deps.history.add(record).catch(() => undefined);
    return record;
  }
}

/** A TokenSource that notes every access token it hands out. */
function recordTokens(tokens: TokenSource, seen: Set<string>): TokenSource {
  const note = <T extends { accessToken: string }>(token: T): T => {
    seen.add(token.accessToken);
    return token;
  };
  return {
    getAccessToken: async () => note(await tokens.getAccessToken()),
    refreshAfterUnauthorized: async (sessionId, rejected) => note(await tokens.refreshAfterUnauthorized(sessionId, rejected)),
    rejectedAfterRefresh: (sessionId, rejected) => tokens.rejectedAfterRefresh(sessionId, rejected),
  };
}
