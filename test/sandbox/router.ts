/** Matches a method and path against route templates such as '/v1/leads/{id}'. */
import type { Route } from './context';
import type { RouteFamily } from './faults/faults';

export type RouteMatch =
  | { kind: 'found'; route: Route; pathParams: Record<string, string> }
  | { kind: 'wrongMethod'; template: string; allowed: string[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.template
        .split('/')
        .map((segment) => {
          const placeholder = /^\{(\w+)\}$/.exec(segment);
          if (!placeholder) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(placeholder[1]);
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    let template: string | undefined;
    for (const { route, pattern, names } of this.compiled) {
      const found = pattern.exec(path);
      if (!found) continue;
      const pathParams: Record<string, string> = {};
      try {
        names.forEach((name, position) => (pathParams[name] = decodeURIComponent(found[position + 1])));
      } catch {
        return { kind: 'none' }; // a malformed %-escape is no route at all
      }
      if (route.method === method) return { kind: 'found', route, pathParams };
      allowed.push(route.method);
      template ??= route.template;
    }
    return template ? { kind: 'wrongMethod', template, allowed } : { kind: 'none' };
  }
}

/** The family of a path no route answered, so faults and counters still know where it belongs. */
export function familyOfPath(path: string): RouteFamily {
  if (path.startsWith('/admin/')) return 'admin';
  if (path.startsWith('/v1/') || path === '/v1') return 'api';
  if (path === '/oauth/token' || path === '/oauth/revoke') return 'token';
  if (path.startsWith('/oauth/')) return 'authorize';
  return 'other';
}
