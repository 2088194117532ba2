/** Opaque credentials. Prefixed so log-redaction tests can search logs for them. */
import { randomBytes } from 'node:crypto';

export const TOKEN_PREFIXES = { accessToken: 'bt_at_', refreshToken: 'bt_rt_', code: 'bt_code_', consentRequest: 'bt_req_', deviceCode: 'bt_dc_' } as const;

export function newSecret(kind: keyof typeof TOKEN_PREFIXES): string {
  return `${TOKEN_PREFIXES[kind]}${randomBytes(24).toString('base64url')}`;
}
