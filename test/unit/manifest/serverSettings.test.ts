import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SECTION } from '../../../src/constants';
import { SERVER_SETTINGS, settingId } from '../../../src/core/shared/serverSettings';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { scope?: string }> = manifest.contributes.configuration.properties;

/** Where a token, a code, the client secret or a sign-in goes: a workspace must not decide it. */
describe('server settings in the manifest', () => {
  it('names every server setting the code reads as one the manifest contributes', () => {
    for (const key of SERVER_SETTINGS) assert.ok(settingId(key) in properties, settingId(key));
    assert.equal(settingId('apiUrl'), `${CONFIG_SECTION}.apiUrl`);
  });

  it('gives every server setting the machine scope (user or remote machine settings only)', () => {
    for (const key of SERVER_SETTINGS) assert.equal(properties[settingId(key)].scope, 'machine', settingId(key));
  });

  it('lists every server setting in restrictedConfigurations, with untrusted workspaces supported in a limited way', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.equal(typeof untrusted.description, 'string');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), SERVER_SETTINGS.map(settingId).sort());
  });

  it('makes every new boomtown setting a decision: a server setting, or one named here as deciding nothing about where credentials go', () => {
    const notServerSettings = ['boomtown.chat.askBeforeSharingLeadData', 'boomtown.apiDescription'];
    const server = SERVER_SETTINGS.map(settingId);
    for (const id of Object.keys(properties)) assert.ok(server.includes(id) || notServerSettings.includes(id), `${id}: add it to SERVER_SETTINGS or to this list`);
  });

  it('knows no machine-scoped boomtown setting that is not a server setting (a new one must join the list)', () => {
    const machine = Object.entries(properties).filter(([, p]) => p.scope === 'machine').map(([id]) => id).sort();
    assert.deepEqual(machine, SERVER_SETTINGS.map(settingId).sort());
  });
});
