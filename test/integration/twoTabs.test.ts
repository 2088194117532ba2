import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, Commands, DEFAULT_SCOPES } from '../../src/constants';
import type { PeerAnswer } from '../rig/bridgeProtocol';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig, type Rig } from './helpers/rig';
import { adminCall, eventually, sandbox, sandboxUrl } from './helpers/sandboxAdmin';

/** Short, yet long enough that a token is still alive when a busy 2-core machine gets round to checking it. */
const TOKEN_LIFETIME_S = 10;
const ROUNDS = 12;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const digest = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

/**
 * Two windows of one code-server: this tab and a second tab opened on the same workbench URL, each
 * with its own extension host and its own SecretStorage (the browser workbench keeps secrets per
 * tab). Short-lived tokens, the sandbox rotating refresh tokens with reuse detection: both tabs must
 * keep a working session through every renewal, and a sign-out in one ends it in the other.
 */
describe('two tabs of one code-server sharing one sign-in', function () {
  this.timeout(300_000);
  let rig: Rig;

  before(async function () {
    rig = requireRig(this);
    await activeExtension();
    for (let i = 0; i < 3 && (await readHere()); i++) await vscode.commands.executeCommand(Commands.signOut);
    await adminCall('POST', '/admin/options', { accessTokenTtlSeconds: TOKEN_LIFETIME_S, refreshTokenRotation: true, reuseDetection: true });
  });
  after(async () => {
    if (sandboxUrl()) await adminCall('POST', '/admin/options', { accessTokenTtlSeconds: 3600 });
  });

  async function readHere(): Promise<vscode.AuthenticationSession | undefined> {
    return vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { silent: true });
  }

  async function meStatus(accessToken: string): Promise<number> {
    const response = await fetch(`${sandboxUrl()}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    await response.arrayBuffer();
    return response.status;
  }

  it(`both tabs keep working through ${ROUNDS} renewals each, one refresh per renewal, and a sign-out in one ends it in the other`, async () => {
    const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { createIfNone: true });
    assert.equal(await meStatus(session.accessToken), 200);
    await sandbox.reset();

    await rig.call('openPeerTab', {});
    // Its first read asks VS Code's consent for the test driver there (the rig answers Allow).
    // VS Code reads the session before its consent dialogs, and answering them can outlast a 4 s
    // token: only whether there was a session counts here; the silent read after it must work.
    const first = await rig.call('peerAsk', { kind: 'readSession', consent: true });
    assert.deepEqual([first.signedIn, first.error], [true, undefined], 'the second tab found the session');
    const second = await rig.call('peerAsk', { kind: 'readSession' });
    assert.deepEqual([second.signedIn, second.meStatus, second.error], [true, 200, undefined], "the second tab's session works");
    assert.equal((await sandbox.stats()).byGrant.authorization_code ?? 0, 0, 'no second sign-in: the tab found the existing session');

    const seenHere = new Set<string>();
    const seenThere = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      // Into the refresh window (half the lifetime) and past it, so every read renews or adopts.
      await delay((TOKEN_LIFETIME_S * 1000) / 2 + 300);
      const readThere = () => rig.call('peerAsk', { kind: 'readSession' });
      const here = async () => {
        const current = await readHere();
        assert.ok(current, `round ${round}: this tab lost the session`);
        assert.equal(await meStatus(current.accessToken), 200, `round ${round}: this tab's token does not work`);
        seenHere.add(digest(current.accessToken));
      };
      const there = (answer: PeerAnswer) => {
        assert.deepEqual([answer.signedIn, answer.meStatus, answer.error], [true, 200, undefined], `round ${round}: the other tab`);
        seenThere.add(answer.tokenDigest ?? '');
      };
      if (round % 2 === 0) {
        await here();
        there(await readThere());
      } else {
        there(await readThere());
        await here();
      }
    }
    const stats = await sandbox.stats();
    rig.log(`      two tabs: ${seenHere.size} tokens here, ${seenThere.size} there, ${stats.byGrant.refresh_token ?? 0} refreshes, statuses ${JSON.stringify(stats.byStatus)}`);
    assert.ok(seenHere.size >= 10, `this tab used ${seenHere.size} renewed tokens`);
    assert.ok(seenThere.size >= 10, `the other tab used ${seenThere.size} renewed tokens`);
    assert.equal(stats.byStatus['400'] ?? 0, 0, 'no invalid_grant: no refresh token was presented twice');
    // One per round, and one more when the second tab's first read found the token already half-lived.
    assert.ok((stats.byGrant.refresh_token ?? 0) <= ROUNDS + 1, `${stats.byGrant.refresh_token} refreshes for ${ROUNDS} renewals`);
    assert.equal(stats.byStatus['401'] ?? 0, 0, 'no token was refused');

    await vscode.commands.executeCommand(Commands.signOut);
    assert.equal(await readHere(), undefined, 'signed out here');
    await eventually('the other tab to see the sign-out', async () => !(await rig.call('peerAsk', { kind: 'readSession' })).signedIn, 10_000);
  });
});
