import assert from 'node:assert/strict';
import { challengeS256, createPkcePair, createState, isValidVerifier, verifierFromBytes } from '../../../src/core/auth/pkce';

describe('pkce', () => {
  it('matches the RFC 7636 appendix B example', () => {
    const octets = Uint8Array.from([116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121]);
    const verifier = verifierFromBytes(octets);
    assert.equal(verifier, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    assert.equal(challengeS256(verifier), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates verifiers of 43 to 128 unreserved characters and their S256 challenge', () => {
    const pair = createPkcePair();
    assert.ok(isValidVerifier(pair.verifier));
    assert.equal(pair.method, 'S256');
    assert.equal(pair.challenge, challengeS256(pair.verifier));
    assert.notEqual(createPkcePair().verifier, pair.verifier);
  });

  it('rejects random material that would give a too short verifier', () => {
    assert.throws(() => verifierFromBytes(new Uint8Array(16)), RangeError);
  });

  it('validates verifier length and alphabet', () => {
    const table: Array<[string, boolean]> = [
      ['a'.repeat(43), true],
      ['a'.repeat(128), true],
      ['a'.repeat(42), false],
      ['a'.repeat(129), false],
      [`${'a'.repeat(42)}~`, true],
      [`${'a'.repeat(42)}+`, false],
      [`${'a'.repeat(42)}=`, false],
    ];
    for (const [value, valid] of table) assert.equal(isValidVerifier(value), valid, value);
  });

  it('creates base64url states of at least 128 random bits, never twice the same', () => {
    const states = new Set(Array.from({ length: 200 }, () => createState()));
    assert.equal(states.size, 200);
    for (const state of states) {
      assert.match(state, /^[A-Za-z0-9_-]+$/);
      assert.ok(Buffer.from(state, 'base64url').length * 8 >= 128);
    }
  });
});
