/** What a sign-in callback (or a value the user pasted) carries. */
export interface CallbackParams {
  state?: string;
  code?: string;
  error?: string;
  errorDescription?: string;
}

/**
 * Accepts a full URL (any scheme), a query with or without its leading '?', and ignores a fragment.
 * Returns undefined when the value has no query parameters at all (e.g. a bare code).
 */
export function parseCallback(value: string): CallbackParams | undefined {
  const trimmed = value.trim();
  const queryStart = trimmed.indexOf('?');
  let query = queryStart >= 0 ? trimmed.slice(queryStart + 1) : trimmed;
  const hashStart = query.indexOf('#');
  if (hashStart >= 0) query = query.slice(0, hashStart);
  if (!query.includes('=')) return undefined;
  const params = new URLSearchParams(query);
  return {
    state: nonEmpty(params.get('state')),
    code: nonEmpty(params.get('code')),
    error: nonEmpty(params.get('error')),
    errorDescription: nonEmpty(params.get('error_description')),
  };
}

/** A pasted bare authorization code: one token of URL-safe characters, nothing that looks like a URL. */
export function looksLikeBareCode(value: string): boolean {
  return /^[A-Za-z0-9\-._~+/=]{4,2048}$/.test(value.trim());
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : value;
}
