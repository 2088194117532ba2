/**
 * The HTTP side: reads each request, routes it, lets faults replace or shape the answer, records
 * it and writes it. Everything slow (latency, slow bodies) is cancelled by `shutdown` so stop() is fast.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext, SandboxState } from './context';
import { malformedJsonReply, proxyHtmlReply, rateLimitedReply, serverErrorReply } from './faults/faultReplies';
import type { FaultDecision, RouteFamily } from './faults/faults';
import { BodyTooLarge, readBody } from './http/body';
import { apiErrorReply, type Reply } from './http/reply';
import { familyOfPath, type Router } from './router';
import type { FaultKind, RequestRecord } from './types';

export interface ServerDeps {
  state: SandboxState;
  router: Router;
  shutdown: AbortSignal;
  log?: (line: string) => void;
}

const SLOW_BODY_CHUNKS = 10;

export async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const startedAt = performance.now();
  const arrivedAt = new Date(deps.state.clock.now()).toISOString();
  const method = req.method ?? 'GET';
  const url = requestUrl(req.url ?? '/');
  if (!url) return write(res, apiErrorReply(400, 'bad_request', 'the request target is not a valid URL'), 0, deps.shutdown);
  const path = url.pathname;

  const match = deps.router.match(method, path);
  const family: RouteFamily = match.kind === 'found' ? match.route.family : familyOfPath(path);
  const template = match.kind === 'found' ? match.route.template : match.kind === 'wrongMethod' ? match.template : '(unknown)';
  const request: RequestContext = { method, path, query: url.searchParams, headers: req.headers, body: Buffer.alloc(0), pathParams: match.kind === 'found' ? match.pathParams : {} };

  const finish = (status: number, fault?: FaultKind) => {
    const record: RequestRecord = { at: arrivedAt, method, route: template, path, status, ms: Math.round(performance.now() - startedAt) };
    if (fault) record.fault = fault;
    const authScheme = /^\s*(\S+)/.exec(req.headers.authorization ?? '')?.[1];
    if (authScheme) record.authScheme = authScheme.toLowerCase();
    if (request.body.length && req.headers['content-type']) record.contentType = req.headers['content-type'];
    if (request.body.length && /application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
      record.bodyKeys = [...new Set(new URLSearchParams(request.body.toString('utf8')).keys())];
    }
    if (url.search) record.queryKeys = [...new Set(url.searchParams.keys())];
    if (match.kind === 'found' && match.route.grantTypeOf && request.body.length) {
      const grantType = match.route.grantTypeOf(request);
      if (grantType !== undefined) record.grantType = grantType;
    }
    if (family !== 'admin') deps.state.metrics.record(record);
    deps.log?.(`${method} ${path} ${status === 0 ? 'dropped' : status} ${record.ms}ms`);
  };

  try {
    request.body = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) {
      req.socket.destroy();
      return;
    }
    const tooLarge = apiErrorReply(413, 'bad_request', error.message, { Connection: 'close' });
    finish(tooLarge.status);
    return write(res, tooLarge, 0, deps.shutdown);
  }

  const decision = deps.state.faults.decide(family);
  if (decision.latencyMs > 0 && !(await delay(decision.latencyMs, deps.shutdown))) return;

  if (decision.failure === 'drop') {
    finish(0, 'drop');
    req.socket.destroy();
    return;
  }

  const routeDelayMs = match.kind === 'found' ? (match.route.delayMs?.(deps.state) ?? 0) : 0;
  if (routeDelayMs > 0 && !(await delay(routeDelayMs, deps.shutdown))) return;

  const { reply, fault } = answer(request, match, family, decision, deps.state);
  if (decision.rateLimit) Object.assign(reply.headers, decision.rateLimit.headers);
  finish(reply.status, fault);
  await write(res, reply, decision.slowBodyMs, deps.shutdown);
}

function answer(
  request: RequestContext,
  match: ReturnType<Router['match']>,
  family: RouteFamily,
  decision: FaultDecision,
  state: SandboxState,
): { reply: Reply; fault?: FaultKind } {
  if (decision.rateLimit?.limited) return { reply: rateLimitedReply(family), fault: 'rateLimit' };
  if (decision.failure === 'fail') {
    const status = decision.failStatus ?? 500;
    const custom = match.kind === 'found' ? match.route.injectedFailure : undefined;
    return { reply: custom ? custom(request, state, status) : serverErrorReply(family, status), fault: 'fail' };
  }
  if (decision.failure === 'html') return { reply: proxyHtmlReply(), fault: 'html' };
  if (decision.failure === 'malformedJson') return { reply: malformedJsonReply(family), fault: 'malformedJson' };
  const slow: FaultKind | undefined = decision.slowBodyMs > 0 ? 'slowBody' : undefined;
  if (match.kind === 'wrongMethod') {
    return { reply: apiErrorReply(405, 'bad_request', `${request.method} is not allowed here; use ${match.allowed.join(', ')}`, { Allow: match.allowed.join(', ') }), fault: slow };
  }
  if (match.kind === 'none') return { reply: apiErrorReply(404, 'not_found', `no route ${request.method} ${request.path}`), fault: slow };
  try {
    return { reply: match.route.handler(request, state), fault: slow };
  } catch (error) {
    // A bug in the sandbox: answer like a real server would, and keep serving.
    return { reply: apiErrorReply(500, 'server_error', `sandbox failure: ${error instanceof Error ? error.message : String(error)}`) };
  }
}

/** Origin-form targets are kept as sent ('//x' stays a path, not a host); absolute-form ones are parsed as URLs. */
function requestUrl(target: string): URL | undefined {
  try {
    return target.startsWith('/') ? new URL(`http://sandbox.invalid${target}`) : new URL(target);
  } catch {
    return undefined;
  }
}

/** Writes the reply; with slowBodyMs the headers go at once and the body trickles out in chunks. */
async function write(res: ServerResponse, reply: Reply, slowBodyMs: number, shutdown: AbortSignal): Promise<void> {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body.length) });
  if (slowBodyMs <= 0 || body.length === 0) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  const chunks = Math.min(SLOW_BODY_CHUNKS, body.length);
  const size = Math.ceil(body.length / chunks);
  for (let offset = 0; offset < body.length; offset += size) {
    if (!(await delay(slowBodyMs / chunks, shutdown)) || res.destroyed) return;
    res.write(body.subarray(offset, offset + size));
  }
  res.end();
}

/** Resolves true after `ms`, or false at once when the sandbox is stopping. */
function delay(ms: number, shutdown: AbortSignal): Promise<boolean> {
  if (shutdown.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      shutdown.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    shutdown.addEventListener('abort', onAbort, { once: true });
  });
}
