import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPayloadGate, payloadGateChecked } from '../../rig/install/payloadGate';
import { requiredNodeMajor } from '../../rig/install/nodeRuntime';

const WORKBENCH = path.join('node_modules', 'code-server', 'lib', 'vscode', 'out', 'vs', 'code', 'browser', 'workbench', 'workbench.js');
const GATED = 'let o={};if(this.payload&&(!this.isBuilt||this.enableSmokeTestDriver))for(let[t,i]of this.payload)switch(t){}';

describe('rig: a code-server install', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'payload-gate-'));
    await mkdir(path.dirname(path.join(dir, WORKBENCH)), { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const workbench = () => readFile(path.join(dir, WORKBENCH), 'utf8');

  it('reads the payload as VS Code 1.100 does once its gate is opened, and only that changes', async () => {
    await writeFile(path.join(dir, WORKBENCH), `before;${GATED};after`);
    await openPayloadGate(dir, '1.139.1');
    assert.equal(await workbench(), 'before;let o={};if(this.payload)for(let[t,i]of this.payload)switch(t){};after');
    assert.ok(payloadGateChecked(dir));
    await openPayloadGate(dir, '1.139.1'); // a second run finds it done
    assert.equal((await workbench()).includes('enableSmokeTestDriver'), false);
  });

  it('leaves a workbench without the gate as it is (VS Code 1.100)', async () => {
    await writeFile(path.join(dir, WORKBENCH), 'if(this.b)for(const[t,s]of this.b)switch(t){}');
    await openPayloadGate(dir, '1.100.3');
    assert.equal(await workbench(), 'if(this.b)for(const[t,s]of this.b)switch(t){}');
    assert.ok(payloadGateChecked(dir));
  });

  it('fails clearly when a gated release no longer reads the way the rig expects', async () => {
    await writeFile(path.join(dir, WORKBENCH), 'if(this.payload&&this.somethingElse)for(;;){}');
    await assert.rejects(openPayloadGate(dir, '1.140.0'), /the development folder would not load/);
    assert.equal(payloadGateChecked(dir), false);
  });

  it('knows the Node major code-server declares', () => {
    assert.equal(requiredNodeMajor('20'), 20);
    assert.equal(requiredNodeMajor('24'), 24);
    assert.equal(requiredNodeMajor('>=22'), 22);
    assert.throws(() => requiredNodeMajor(undefined), /names no Node version/);
  });
});
