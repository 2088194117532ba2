/** Reading request bodies and turning form or JSON bodies into one parameter shape. */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Reads the whole body; rejects with BodyTooLarge past the limit (the connection is then closed by the caller). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(`body larger than ${limit} bytes`));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export type ParsedParams = { ok: true; params: URLSearchParams; format: 'form' | 'json' } | { ok: false; description: string };

/** Form-encoded and JSON bodies both become URLSearchParams; JSON values must be strings, as form values are. */
export function parseParams(contentType: string | undefined, body: Buffer): ParsedParams {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = body.toString('utf8');
  if (mediaType === 'application/x-www-form-urlencoded') return { ok: true, params: new URLSearchParams(text), format: 'form' };
  if (mediaType === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, description: 'the body is not valid JSON' };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, description: 'the JSON body must be an object' };
    const params = new URLSearchParams();
    for (const [key, field] of Object.entries(value)) {
      if (field === null || field === undefined) continue;
      if (typeof field !== 'string') return { ok: false, description: `${key} must be a string` };
      params.append(key, field);
    }
    return { ok: true, params, format: 'json' };
  }
  return { ok: false, description: 'the body must be application/x-www-form-urlencoded or application/json' };
}

/** The parameters sent more than once (RFC 6749 §3.1: each may appear at most once). */
export function repeatedParams(params: URLSearchParams): string[] {
  return [...new Set(params.keys())].filter((name) => params.getAll(name).length > 1);
}
