/**
 * Extra parameters for the authorize request, from the `boomtown.authorizeParameters` setting: what
 * a standards-following server may need beyond the contract, e.g. `{ "prompt": "consent" }` for
 * OpenID Connect servers that grant offline_access (a refresh token) only with consent (OIDC Core §11).
 */

/** Set by the sign-in itself: a setting never replaces them (CSRF binding, PKCE, the redirect target, the client, the scopes asked for). */
export const RESERVED_AUTHORIZE_PARAMETERS: readonly string[] = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'login_hint',
];

const MAX_PARAMETERS = 20;
const MAX_VALUE_LENGTH = 1000;
/** RFC 6749 parameter names are ASCII; this refuses spaces, '&', '=' and control characters. */
const NAME = /^[A-Za-z0-9_.~-]{1,64}$/;

export type AuthorizeParametersCheck = { ok: true; parameters: Readonly<Record<string, string>> } | { ok: false; problem: string };

/** Validates the setting's value: an object of string values, names that are not reserved. Nothing set is `{}`. */
export function checkAuthorizeParameters(value: unknown): AuthorizeParametersCheck {
  if (value === undefined || value === null) return { ok: true, parameters: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'it must be an object of parameter names and string values, e.g. { "prompt": "consent" }' };
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_PARAMETERS) return { ok: false, problem: `it has ${entries.length} parameters; at most ${MAX_PARAMETERS} are allowed` };
  const parameters: Record<string, string> = {};
  for (const [name, raw] of entries) {
    if (!NAME.test(name)) return { ok: false, problem: `${JSON.stringify(name.slice(0, 64))} is not a parameter name (letters, digits, "_", ".", "~", "-")` };
    if (RESERVED_AUTHORIZE_PARAMETERS.includes(name)) return { ok: false, problem: `"${name}" is set by the sign-in itself and cannot be changed` };
    if (typeof raw !== 'string') return { ok: false, problem: `the value of "${name}" must be a string` };
    if (raw.length > MAX_VALUE_LENGTH) return { ok: false, problem: `the value of "${name}" is longer than ${MAX_VALUE_LENGTH} characters` };
    parameters[name] = raw;
  }
  return { ok: true, parameters };
}
