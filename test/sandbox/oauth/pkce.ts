/** PKCE checks (RFC 7636): only S256 is accepted. */
import { createHash, timingSafeEqual } from 'node:crypto';

// 43..128 characters of the unreserved set (RFC 7636 §4.1); an S256 challenge is always 43.
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedChallenge(challenge: string): boolean {
  return S256_CHALLENGE.test(challenge);
}

export function isWellFormedVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function verifierMatches(verifier: string, challenge: string): boolean {
  const expected = Buffer.from(challenge);
  const actual = Buffer.from(s256(verifier));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
