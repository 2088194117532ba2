/**
 * The API (/v1/*). Every call needs a live Bearer access token. 403 case: FOREIGN_TEAM_LEAD_ID is
 * owned by another team, so it (and its notes and events) is forbidden to every sandbox user.
 */
import type { RequestContext, Route, SandboxState } from '../context';
import type { StoredLead } from '../data/dataset';
import { apiErrorReply, jsonReply, type Reply } from '../http/reply';
import type { SandboxUser } from '../types';
import { page, parseLeadFilter, parsePaging } from './listQuery';

type Authorized = (request: RequestContext, state: SandboxState, user: SandboxUser) => Reply;

export const apiRoutes: Route[] = [
  get('/v1/me', (_request, _state, user) => jsonReply(200, { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName, teamId: user.teamId })),
  get('/v1/leads', (request, state) => {
    const filter = parseLeadFilter(request.query);
    if (!filter.ok) return badRequest(filter.message);
    return paged(request, state, () => state.dataset.listLeads(filter.value), (lead) => lead.json);
  }),
  get('/v1/leads/{id}', (request, state, user) => withLead(request, state, user, (lead) => jsonReply(200, lead.json))),
  get('/v1/leads/{id}/notes', (request, state, user) => withLead(request, state, user, (lead) => paged(request, state, () => state.dataset.notes(lead)))),
  get('/v1/leads/{id}/events', (request, state, user) => withLead(request, state, user, (lead) => paged(request, state, () => state.dataset.events(lead)))),
  get('/v1/agents', (request, state) => paged(request, state, () => state.dataset.agents)),
];

function get(template: string, handler: Authorized): Route {
  return {
    method: 'GET',
    template,
    family: 'api',
    handler: (request, state) => {
      const user = authenticate(request, state);
      return 'status' in user ? user : handler(request, state, user);
    },
  };
}

function authenticate(request: RequestContext, state: SandboxState): SandboxUser | Reply {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) return invalidToken('a Bearer access token is required');
  const check = state.grants.checkAccessToken(match[1], state.faults.earlyExpirySeconds);
  if (!check.ok) return invalidToken(`the access token is ${check.reason === 'unknown' ? 'not valid' : check.reason}`);
  const user = state.dataset.users.find((candidate) => candidate.id === check.grant.userId);
  return user ?? invalidToken('the access token belongs to no user');
}

function invalidToken(message: string): Reply {
  return apiErrorReply(401, 'invalid_token', message, {
    'WWW-Authenticate': `Bearer realm="BoomTown sandbox", error="invalid_token", error_description="${message}"`,
  });
}

function withLead(request: RequestContext, state: SandboxState, user: SandboxUser, answer: (lead: StoredLead) => Reply): Reply {
  const lead = state.dataset.findLead(request.pathParams.id);
  if (!lead) return apiErrorReply(404, 'not_found', `no lead ${request.pathParams.id}`);
  if (lead.teamId !== user.teamId) return apiErrorReply(403, 'forbidden', 'this lead belongs to another team');
  return answer(lead);
}

/** Paging is validated before the items are produced, so a bad limit costs nothing; only the page is serialized. */
function paged<T>(request: RequestContext, state: SandboxState, items: () => readonly T[], toJson: (item: T) => unknown = (item) => item): Reply {
  const paging = parsePaging(request.query, state.options.maxPageLimit);
  if (!paging.ok) return badRequest(paging.message);
  const result = page(items(), paging.value, state.options.includeTotal);
  return jsonReply(200, { ...result, data: result.data.map(toJson) });
}

function badRequest(message: string): Reply {
  return apiErrorReply(400, 'bad_request', message);
}
