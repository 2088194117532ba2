/**
 * Masks secrets in text that is about to be logged or shown. Two layers: values the code knows are
 * secret (registered as they are seen: tokens, codes, verifiers, client secrets) are replaced
 * wherever they appear, and well-known shapes (`access_token=…`, `"refresh_token": "…"`,
 * `Authorization: Bearer …`, query strings of callback URLs) are masked even when unregistered.
 */
const MASK = '***';

const SECRET_KEYS = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'code_verifier',
  'code_challenge',
  'client_secret',
  'state',
  'password',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'codeVerifier',
];
const keyAlternation = SECRET_KEYS.join('|');
// key=value in form bodies and query strings
const FORM_PAIR = new RegExp(`(^|[?&\\s;,])(${keyAlternation})=([^&\\s"';,]*)`, 'gi');
// "key": "value" in JSON
const JSON_PAIR = new RegExp(`("(?:${keyAlternation})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// Authorization headers and bare bearer credentials
const AUTH_HEADER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// Query of any URL whose path ends in /callback (VS Code's redirect URIs carry code and state there)
const CALLBACK_QUERY = /(\/callback)\?[^\s"'<>)]*/gi;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remember a secret value so it is masked wherever it appears later. Short values are ignored: masking "a" would mask everything. */
  add(...values: Array<string | undefined | null>): void {
    for (const value of values) {
      if (typeof value === 'string' && value.length >= 6) this.secrets.add(value);
    }
  }

  redact(text: string): string {
    return redactPatterns(this.redactKnown(text));
  }

  /**
   * Only the registered values: for text that is data, such as lead JSON, where the patterns would
   * mask innocent words (an address's "state", a note saying "Basic requirements").
   */
  redactKnown(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(MASK);
    }
    return out;
  }
}

function redactPatterns(text: string): string {
  return text
    .replace(CALLBACK_QUERY, `$1?${MASK}`)
    .replace(FORM_PAIR, `$1$2=${MASK}`)
    .replace(JSON_PAIR, `$1"${MASK}"`)
    .replace(AUTH_HEADER, `$1 ${MASK}`);
}
