import { createHash, randomBytes } from 'node:crypto';

/** PKCE (RFC 7636) and the state parameter. 32 random bytes give 256 bits and a 43-character value. */
const RANDOM_BYTES = 32;
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function verifierFromBytes(bytes: Uint8Array): string {
  const verifier = Buffer.from(bytes).toString('base64url');
  if (!isValidVerifier(verifier)) throw new RangeError('A PKCE verifier needs 32 to 96 random bytes');
  return verifier;
}

export function isValidVerifier(value: string): boolean {
  return VERIFIER_PATTERN.test(value);
}

export function challengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkcePair(random: (size: number) => Uint8Array = randomBytes): PkcePair {
  const verifier = verifierFromBytes(random(RANDOM_BYTES));
  return { verifier, challenge: challengeS256(verifier), method: 'S256' };
}

/** A fresh, unguessable, single-use state value (base64url of 256 random bits). */
export function createState(random: (size: number) => Uint8Array = randomBytes): string {
  return Buffer.from(random(RANDOM_BYTES)).toString('base64url');
}
