import assert from 'node:assert/strict';
import type { ApiContract, ApiDescriptionResult } from '../../../../src/core/api/contract/apiContract';

/** The contract a description was read into; fails the test, naming the problem, when it was refused. */
export function contractOf(result: ApiDescriptionResult): ApiContract {
  assert.ok(result.ok, result.ok ? '' : `${result.pointer}: ${result.problem}`);
  return result.contract;
}

/** The problem a description was refused for; fails the test when it was accepted. */
export function problemOf(result: ApiDescriptionResult): { problem: string; pointer: string } {
  assert.ok(!result.ok, 'the description was accepted');
  return { problem: result.problem, pointer: result.pointer };
}
