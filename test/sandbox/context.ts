/** What every route handler receives: the request, already read, and the sandbox's state. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../src/core/shared/ports';
import type { Dataset } from './data/dataset';
import type { FaultEngine, RouteFamily } from './faults/faults';
import type { Reply } from './http/reply';
import type { Metrics } from './admin/metrics';
import type { ConsentRequests } from './oauth/consentRequests';
import type { DeviceCodes } from './oauth/deviceCodes';
import type { GrantStore } from './oauth/grantStore';
import type { LiveOptions } from './options';
import type { SandboxClient } from './types';

export interface SandboxState {
  readonly dataset: Dataset;
  readonly clients: SandboxClient[];
  readonly options: LiveOptions;
  readonly grants: GrantStore;
  readonly consents: ConsentRequests;
  readonly devices: DeviceCodes;
  readonly faults: FaultEngine;
  readonly metrics: Metrics;
  readonly clock: Clock;
}

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Values of the route template's {placeholders}, decoded. */
  pathParams: Record<string, string>;
}

export type RouteHandler = (request: RequestContext, state: SandboxState) => Reply;

export interface Route {
  method: 'GET' | 'POST';
  /** e.g. '/v1/leads/{id}'; also the key in counters. */
  template: string;
  family: RouteFamily;
  handler: RouteHandler;
  /** For counters: the grant_type of a token request. */
  grantTypeOf?: (request: RequestContext) => string | undefined;
  /** Extra time before this route answers (ms), read per request, e.g. a slow discovery document. */
  delayMs?: (state: SandboxState) => number;
  /** How this route answers an injected 5xx, when its family's default is not right (authorize redirects server_error). */
  injectedFailure?: (request: RequestContext, state: SandboxState, status: number) => Reply;
}
