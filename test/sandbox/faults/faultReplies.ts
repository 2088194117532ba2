/** The answers faults put in place of a route's own, shaped like each family's real errors. */
import type { RouteFamily } from './faults';
import { errorPageReply } from '../oauth/consentPage';
import { apiErrorReply, htmlReply, oauthErrorReply, type Reply } from '../http/reply';

/** The Retry-After and X-RateLimit-* headers are added by the server to every answer in scope. */
export function rateLimitedReply(family: RouteFamily): Reply {
  const message = 'Too many requests; wait for Retry-After seconds.';
  if (family === 'token') return oauthErrorReply(429, 'rate_limited', message);
  if (family === 'authorize') return errorPageReply('Too many requests', message, 429);
  return apiErrorReply(429, 'rate_limited', message);
}

export function serverErrorReply(family: RouteFamily, status: number): Reply {
  const message = status === 503 ? 'The service is temporarily unavailable (injected fault).' : 'Internal server error (injected fault).';
  if (family === 'token') return oauthErrorReply(status, status === 503 ? 'temporarily_unavailable' : 'server_error', message);
  if (family === 'authorize') return errorPageReply('Something went wrong', message, status);
  return apiErrorReply(status, 'server_error', message);
}

/** A body cut off mid-way, sent as 200 application/json. */
export function malformedJsonReply(family: RouteFamily): Reply {
  const body = family === 'token' ? '{"access_token":"bt_at_trunc' : '{"data":[{"id":"L-10001","firstName":"Ad';
  return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body };
}

/** What a misbehaving proxy or captive portal answers: 200 with an HTML page. */
export function proxyHtmlReply(): Reply {
  return htmlReply(
    200,
    '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n',
  );
}
