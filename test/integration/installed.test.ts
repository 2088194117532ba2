import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_ID } from '../../src/constants';
import { RigEnv, type ExtensionSource } from '../rig/bridgeProtocol';
import { activeExtension } from './helpers/extensionUnderTest';

/**
 * The offline runner says where the extension under test should come from (BOOMTOWN_RIG_EXPECT):
 * in --vsix mode a test passing against the development folder would prove nothing about the package.
 */
const expected = process.env[RigEnv.expect] as ExtensionSource | undefined;
const extensionsDir = process.env[RigEnv.extensionsDir];

describe('the extension under test', () => {
  const title =
    expected === 'vsix'
      ? 'is the copy installed from the .vsix, not the development folder'
      : 'is the development folder, not a copy installed in the extensions folder';

  it(title, async function () {
    if (!expected || !extensionsDir) {
      console.log(`      (skipped: ${RigEnv.expect} is unset, so where the extension should come from is unknown)`);
      this.skip();
    }
    const extension = await activeExtension();
    const loadedFrom = realpathSync(extension.extensionPath);
    const installedDir = realpathSync(extensionsDir);
    if (expected === 'vsix') {
      assert.equal(path.dirname(loadedFrom), installedDir, `${EXTENSION_ID} runs from ${loadedFrom}, not from the extensions folder ${installedDir}`);
      // The folder code-server's installer names after the package's identity.
      const version = (extension.packageJSON as { version: string }).version;
      assert.equal(path.basename(loadedFrom), `${EXTENSION_ID}-${version}`);
    } else {
      assert.ok(!loadedFrom.startsWith(installedDir + path.sep), `${EXTENSION_ID} runs from an installed copy (${loadedFrom}) in development mode`);
    }
  });
});
