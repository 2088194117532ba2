import { MockAgent } from 'undici';
import { me, tokenAnswer, unique } from './builders';

export interface Reply {
  status: number;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The BoomTown endpoints on an undici MockAgent, for tests about exact request shapes. Every
 * request is recorded; each endpoint answers through a replaceable handler (defaults: approve,
 * issue fresh tokens, name user u_1, revoke with 200).
 */
export class MockBoomTown {
  readonly authUrl = 'https://auth.boomtown.test';
  readonly apiUrl = 'https://api.boomtown.test';
  readonly agent = new MockAgent();
  readonly authorizeQueries: URLSearchParams[] = [];
  readonly tokenForms: URLSearchParams[] = [];
  readonly tokenHeaders: Array<Record<string, string>> = [];
  readonly revokeForms: URLSearchParams[] = [];
  readonly meAuthorizations: string[] = [];
  readonly codes: string[] = [];
  readonly issued: Array<Record<string, unknown>> = [];

  onToken: (form: URLSearchParams) => Reply = () => {
    const answer = tokenAnswer();
    this.issued.push(answer);
    return { status: 200, body: answer };
  };
  onMe: (authorization: string) => Reply = () => ({ status: 200, body: me() });
  onRevoke: (form: URLSearchParams) => Reply = () => ({ status: 200, body: '' });

  constructor() {
    this.agent.disableNetConnect();
    const auth = this.agent.get(this.authUrl);
    auth
      .intercept({ path: (path) => path.startsWith('/oauth/authorize?'), method: 'GET' })
      .reply((options) => {
        const query = new URLSearchParams(options.path.slice(options.path.indexOf('?') + 1));
        this.authorizeQueries.push(query);
        const code = unique('code');
        this.codes.push(code);
        const redirect = query.get('redirect_uri') ?? '';
        const location = `${redirect}${redirect.includes('?') ? '&' : '?'}code=${encodeURIComponent(code)}&state=${encodeURIComponent(query.get('state') ?? '')}`;
        return { statusCode: 302, data: '', responseOptions: { headers: { location } } };
      })
      .persist();
    auth
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply((options) => {
        const form = new URLSearchParams(String(options.body));
        this.tokenForms.push(form);
        this.tokenHeaders.push({ ...(options.headers as Record<string, string> | undefined) });
        return toMockReply(this.onToken(form));
      })
      .persist();
    auth
      .intercept({ path: '/oauth/revoke', method: 'POST' })
      .reply((options) => {
        const form = new URLSearchParams(String(options.body));
        this.revokeForms.push(form);
        return toMockReply(this.onRevoke(form));
      })
      .persist();
    this.agent
      .get(this.apiUrl)
      .intercept({ path: '/v1/me', method: 'GET' })
      .reply((options) => {
        const headers = options.headers as Record<string, string> | undefined;
        const authorization = headers?.authorization ?? '';
        this.meAuthorizations.push(authorization);
        return toMockReply(this.onMe(authorization));
      })
      .persist();
  }

  config = (): { authUrl: string; apiUrl: string } => ({ authUrl: this.authUrl, apiUrl: this.apiUrl });

  /**
   * Rotating refresh tokens with reuse detection, as strict real servers do: each refresh token
   * works once; presenting a used one revokes every token and counts a reuse.
   */
  rotateWithReuseDetection(): { reuses: () => number } {
    const live = new Set<string>();
    const used = new Set<string>();
    let reuses = 0;
    this.onToken = (form) => {
      if (form.get('grant_type') === 'refresh_token') {
        const presented = form.get('refresh_token') ?? '';
        if (!live.has(presented)) {
          if (used.has(presented)) {
            reuses += 1;
            live.clear();
          }
          return { status: 400, body: { error: 'invalid_grant', error_description: 'refresh token is not valid' } };
        }
        live.delete(presented);
        used.add(presented);
      }
      const answer = tokenAnswer();
      live.add(answer.refresh_token as string);
      this.issued.push(answer);
      return { status: 200, body: answer };
    };
    return { reuses: () => reuses };
  }

  grants(type: string): URLSearchParams[] {
    return this.tokenForms.filter((form) => form.get('grant_type') === type);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function toMockReply(reply: Reply): { statusCode: number; data: string; responseOptions: { headers: Record<string, string> } } {
  const json = typeof reply.body !== 'string';
  return {
    statusCode: reply.status,
    data: json ? JSON.stringify(reply.body ?? {}) : (reply.body as string),
    responseOptions: { headers: { 'content-type': json ? 'application/json' : 'text/html', ...reply.headers } },
  };
}
