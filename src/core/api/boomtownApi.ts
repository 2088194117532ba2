import { isBoomTownError } from '../shared/errors';
import { ApiError } from './httpErrors';
import type { HttpClient, RequestOptions } from './httpClient';
import { DEFAULT_PAGE_LIMIT, toPage } from './paging';
import { isJsonObject, parseAgent, parseLead, parseLeadEvent, parseMe, parseNote, type ItemResult } from './parse';
import { validateRawPath } from './rawPath';
import type { Agent, ApiResult, Lead, LeadEvent, ListLeadsParams, Me, Note, Page } from './apiTypes';

interface PageParams {
  limit?: number;
  offset?: number;
}

/** The BoomTown endpoints, typed. Every call returns the parsed value and the raw exchange behind it. */
export class BoomTownApi {
  constructor(private readonly http: HttpClient) {}

  async me(options?: RequestOptions): Promise<ApiResult<Me>> {
    const { json, raw } = await this.http.getJson('/v1/me', options);
    return { data: single(json, parseMe, raw), raw };
  }

  async listLeads(params: ListLeadsParams = {}, options?: RequestOptions): Promise<ApiResult<Page<Lead>>> {
    const { q, stage, sort } = params;
    return this.list('/v1/leads', params, { q, stage, sort }, parseLead, options);
  }

  async getLead(id: string, options?: RequestOptions): Promise<ApiResult<Lead>> {
    const { json, raw } = await this.http.getJson(`/v1/leads/${encodeURIComponent(id)}`, options);
    return { data: single(json, parseLead, raw), raw };
  }

  async listNotes(leadId: string, page: PageParams = {}, options?: RequestOptions): Promise<ApiResult<Page<Note>>> {
    return this.list(`/v1/leads/${encodeURIComponent(leadId)}/notes`, page, {}, parseNote, options);
  }

  async listEvents(leadId: string, page: PageParams = {}, options?: RequestOptions): Promise<ApiResult<Page<LeadEvent>>> {
    return this.list(`/v1/leads/${encodeURIComponent(leadId)}/events`, page, {}, parseLeadEvent, options);
  }

  async listAgents(page: PageParams = {}, options?: RequestOptions): Promise<ApiResult<Page<Agent>>> {
    return this.list('/v1/agents', page, {}, parseAgent, options);
  }

  /** "Send Request…": any GET under the API's /v1, as typed by the user (see validateRawPath). */
  async getRaw(path: string, options?: RequestOptions): Promise<ApiResult<unknown>> {
    const relative = validateRawPath(path, this.http.urlFor('').toString());
    const { json, raw } = await this.http.getJson(relative, options);
    return { data: json, raw };
  }

  private async list<T>(
    path: string,
    page: PageParams,
    filters: Record<string, string | undefined>,
    parseItem: (source: unknown) => ItemResult<T>,
    options: RequestOptions | undefined,
  ): Promise<ApiResult<Page<T>>> {
    const asked = { limit: validLimit(page.limit), offset: validOffset(page.offset) };
    const query = new URLSearchParams({ limit: String(asked.limit), offset: String(asked.offset) });
    for (const [key, value] of Object.entries(filters)) {
      if (value !== undefined && value !== '') query.set(key, value);
    }
    const { json, raw } = await this.http.getJson(`${path}?${query}`, options);
    try {
      return { data: toPage(json, asked, parseItem), raw };
    } catch (error) {
      throw withRaw(error, raw);
    }
  }
}

function validLimit(limit: number | undefined): number {
  return limit !== undefined && Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_PAGE_LIMIT;
}

function validOffset(offset: number | undefined): number {
  return offset !== undefined && Number.isInteger(offset) && offset >= 0 ? offset : 0;
}

/** One item; some servers wrap it as `{"data": {...}}`, which is unwrapped. */
function single<T>(json: unknown, parseItem: (source: unknown) => ItemResult<T>, raw: ApiResult<unknown>['raw']): T {
  const unwrapped = isJsonObject(json) && !('id' in json) && isJsonObject(json.data) ? json.data : json;
  const result = parseItem(unwrapped);
  if (!result.ok) throw new ApiError('malformedResponse', `The server's answer could not be read: ${result.problem}.`, raw, { status: raw.status });
  return result.item;
}

/** Page-shape errors happen after the exchange: attach it, so "show raw JSON" can show what came back. */
function withRaw(error: unknown, raw: ApiResult<unknown>['raw']): unknown {
  if (!isBoomTownError(error) || error instanceof ApiError) return error;
  return new ApiError(error.reason, error.message, raw, { status: raw.status, cause: error });
}
