/** /admin/* — for tests and the CLI. Not counted as traffic, never faulted, no authentication (loopback only). */
import { isBoomTownError } from '../../../src/core/shared/errors';
import type { RequestContext, Route } from '../context';
import { apiErrorReply, jsonReply, type Reply } from '../http/reply';
import type { LiveOptions } from '../options';
import type { Counters, DevicePollRecord, Faults, MutableOptions, RequestRecord } from '../types';

export interface SandboxControls {
  counters(): Counters;
  resetCounters(): void;
  requests(): RequestRecord[];
  faults(): Faults;
  setFaults(changes: Partial<Faults>): void;
  options(): LiveOptions;
  setOptions(changes: Partial<MutableOptions>): void;
  expireAccessTokens(): void;
  devicePolls(): DevicePollRecord[];
}

export function adminRoutes(controls: SandboxControls): Route[] {
  const route = (method: 'GET' | 'POST', template: string, handler: (request: RequestContext) => Reply): Route => ({
    method,
    template,
    family: 'admin',
    handler: (request) => handler(request),
  });
  return [
    route('GET', '/admin/stats', () => jsonReply(200, controls.counters())),
    route('GET', '/admin/requests', () => jsonReply(200, { requests: controls.requests() })),
    route('POST', '/admin/reset', () => {
      controls.resetCounters();
      return jsonReply(200, controls.counters());
    }),
    route('GET', '/admin/faults', () => jsonReply(200, controls.faults())),
    route('POST', '/admin/faults', (request) =>
      withJsonBody(request, (changes) => {
        controls.setFaults(changes as Partial<Faults>);
        return jsonReply(200, controls.faults());
      }),
    ),
    route('GET', '/admin/options', () => jsonReply(200, controls.options())),
    route('POST', '/admin/options', (request) =>
      withJsonBody(request, (changes) => {
        controls.setOptions(changes as Partial<MutableOptions>);
        return jsonReply(200, controls.options());
      }),
    ),
    route('GET', '/admin/device-codes', () => jsonReply(200, { deviceCodes: controls.devicePolls() })),
    route('POST', '/admin/expire-tokens', () => {
      controls.expireAccessTokens();
      return jsonReply(200, { expired: true });
    }),
  ];
}

/** Parses a JSON object body and turns a refused value (BoomTownError badInput) into 400 bad_request. */
function withJsonBody(request: RequestContext, apply: (body: Record<string, unknown>) => Reply): Reply {
  let body: unknown;
  try {
    body = request.body.length ? JSON.parse(request.body.toString('utf8')) : {};
  } catch {
    return apiErrorReply(400, 'bad_request', 'the body must be a JSON object');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return apiErrorReply(400, 'bad_request', 'the body must be a JSON object');
  try {
    return apply(body as Record<string, unknown>);
  } catch (error) {
    if (isBoomTownError(error, 'badInput')) return apiErrorReply(400, 'bad_request', error.message);
    throw error;
  }
}
