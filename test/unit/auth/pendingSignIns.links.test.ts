import assert from 'node:assert/strict';
import { PendingSignIns } from '../../../src/core/auth/pendingSignIns';
import { silentLogger } from '../../../src/core/shared/logger';

const link = (n: number) => `https://auth.example.test/oauth/authorize?state=s${n}&scope=offline_access`;

/** "Copy sign-in link" reads the links from the sign-ins themselves: each pending one keeps its own. */
describe('PendingSignIns.links', () => {
  it('lists the link of every pending sign-in, oldest first, and drops each as it ends', async () => {
    const pending = new PendingSignIns(silentLogger);
    const cancelSecond = new AbortController();
    const first = pending.wait('s1', undefined, { authorizeUrl: link(1) });
    const second = pending.wait('s2', cancelSecond.signal, { authorizeUrl: link(2) });
    pending.wait('s3').catch(() => undefined); // registered without a link: not offered
    assert.deepEqual(pending.links(), [link(1), link(2)]);

    assert.ok(pending.handleCallback('state=s1&code=c1'));
    assert.deepEqual(await first, { code: 'c1' });
    assert.deepEqual(pending.links(), [link(2)], 'the second sign-in still offers its own link, not the first one');

    cancelSecond.abort();
    await assert.rejects(second);
    assert.deepEqual(pending.links(), []);
  });
});
