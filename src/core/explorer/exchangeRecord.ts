import type { BuiltRequest } from './requestFile/requestBuilder';
/**
 * One request sent from a request file (or "Send Request…") and what came back. Never holds a token:
 * its headers are the built request's as sent, minus Authorization (whoever set it).
 */
export interface SentRequest extends BuiltRequest {
  /** The request file it came from (a URI string), when there was one. */
  source?: string;
}

interface ReceivedAnswer {
  status: number;
  durationMs: number;
  attempts: number;
  /** As received, minus credentials and session headers. */
  headers: Record<string, string>;
  bodyText: string;
  /** Size of the whole body in bytes, also when `bodyText` was cut for the history. */
  bytes: number;
  /** The body was cut to this many characters for the history. */
  cutAt?: number;
}

export interface ExchangeRecord {
  id: string;
  /** Epoch ms when the request was sent. */
  at: number;
  request: SentRequest;
  response: ReceivedAnswer;
}

/** Headers never kept or shown: credentials and session state. */
export const HIDDEN_REQUEST_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Every occurrence of a secret replaced by a mask; short values are skipped (masking "a" would mask everything). */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    if (out.includes(secret)) out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join('***');
  }
  return out;
}
