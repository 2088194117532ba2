import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SecretKeys } from '../../../../src/constants';
import { RECORD_FILE_NAME } from '../../../../src/core/auth/sessions/copies';
import { SharedSecrets } from '../../helpers/memorySecretStore';
import { FakeClock } from '../helpers/fakeClock';
import { ids, machineFolder, openWindow, type TestWindow } from '../helpers/harness';
import { MockBoomTown } from '../helpers/mockBoomTown';

const MINUTE = 60_000;

/**
 * The browser workbench: every tab has its own SecretStorage (they never see each other's writes)
 * while their extension hosts share the server's global storage folder. The tabs share the latest
 * token set through the record next to the lock.
 */
describe('browser-workbench tabs: per-tab SecretStorage, one global storage folder', () => {
  let server: MockBoomTown;
  let clock: FakeClock;
  let folder: string;
  let tabs: TestWindow[];
  const openTab = () => {
    const tab = openWindow({ dispatcher: server.agent, config: server.config, secrets: new SharedSecrets(), clock, overrides: { globalStorageFolder: folder, shareTokensInRecord: true } });
    tabs.push(tab);
    return tab;
  };

  beforeEach(() => {
    server = new MockBoomTown();
    clock = new FakeClock();
    folder = machineFolder(new SharedSecrets());
    tabs = [];
  });
  afterEach(async () => {
    for (const tab of tabs) tab.close();
    await server.close();
  });

  it('a tab opened after the sign-in finds the session; both renew through rotations with reuse detection; a sign-out ends it in both', async () => {
    const rotation = server.rotateWithReuseDetection();
    const a = openTab();
    const session = await a.signIn();
    const b = openTab();
    assert.deepEqual(ids(await b.service.getSessions()), [session.id], 'found through the shared record');
    assert.equal(b.secrets.values.has(SecretKeys.sessions), false, "the other tab's SecretStorage never saw it");
    if (process.platform !== 'win32') assert.equal(statSync(join(folder, RECORD_FILE_NAME)).mode & 0o777, 0o600, 'owner-only');

    for (let round = 0; round < 10; round++) {
      clock.advance(2 * 60 * MINUTE);
      const renewer = round % 2 === 0 ? a : b;
      const other = renewer === a ? b : a;
      const [renewed] = await renewer.service.getSessions();
      assert.ok(renewed, `round ${round}: renewed`);
      const [seen] = await other.service.getSessions();
      assert.equal(seen?.accessToken, renewed.accessToken, `round ${round}: the other tab uses the rotated token, no second refresh`);
    }
    assert.equal(rotation.reuses(), 0);
    assert.equal(server.grants('refresh_token').length, 10);
    assert.equal(a.ended.length + b.ended.length, 0);

    await a.service.removeSession(session.id);
    assert.deepEqual(await b.service.getSessions(), [], 'signed out in the other tab too');
  });
});
