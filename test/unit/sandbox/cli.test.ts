import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { isBoomTownError } from '../../../src/core/shared/errors';
import { parseCliArgs, parseRateLimit } from '../../sandbox/cli/cliArgs';
import { flowsBanner } from '../../sandbox/cli/flowsBanner';
import { defaultClient } from '../../sandbox/oauth/clients';
import { resolveLiveOptions } from '../../sandbox/options';
import { httpRequest } from '../../sandbox/drivers/testClient';

describe('sandbox CLI flags', () => {
  it('maps every flag of the brief to options and faults', () => {
    const { options, help, quiet } = parseCliArgs(
      ['--port', '4711', '--host', '127.0.0.2', '--leads', '10000', '--latency', '50', '--access-ttl', '60', '--rate-limit', '10/1', '--fail-every', '5', '--auto-approve', '--no-total', '--max-limit', '50', '--quiet'],
    );
    assert.equal(help, false);
    assert.equal(quiet, true);
    assert.deepEqual(options, {
      port: 4711,
      host: '127.0.0.2',
      leads: 10000,
      accessTokenTtlSeconds: 60,
      maxPageLimit: 50,
      includeTotal: false,
      autoApprove: true,
      faults: { latencyMs: 50, failEveryN: 5, rateLimit: { limit: 10, windowSeconds: 1 } },
    });
  });

  it('the other flags', () => {
    const { options } = parseCliArgs([
      '--seed', '7', '--users', '5', '--code-ttl', '30', '--no-expires-in', '--no-rotation', '--no-reuse-detection', '--auto-approve-as', 'u_2',
      '--drop-every', '3', '--malformed-every', '4', '--html-every', '6', '--slow-body', '200', '--expire-after', '20', '--fault-scope', 'all',
    ]);
    assert.deepEqual(options, {
      port: 4711,
      host: '127.0.0.1',
      seed: 7,
      users: 5,
      codeTtlSeconds: 30,
      includeExpiresIn: false,
      refreshTokenRotation: false,
      reuseDetection: false,
      autoApprove: 'u_2',
      faults: { dropEveryN: 3, malformedJsonEveryN: 4, htmlEveryN: 6, slowBodyMs: 200, expireTokensAfterSeconds: 20, scope: 'all' },
    });
  });

  it('the sign-in flow flags (discovery, device code, redirect URIs)', () => {
    const { options } = parseCliArgs([
      '--discovery', 'openid', '--discovery-malformed', '--discovery-issuer', 'https://other.example', '--discovery-delay', '3000', '--issuer-path', '/tenant',
      '--no-device-grant', '--device-interval', '1', '--device-code-ttl', '90', '--exact-loopback-port', '33418', '--refuse-redirect', 'privateUse, workbench',
    ]);
    assert.deepEqual(options, {
      port: 4711,
      host: '127.0.0.1',
      discovery: 'openid',
      discoveryMalformed: true,
      discoveryIssuer: 'https://other.example',
      discoveryDelayMs: 3000,
      issuerPath: '/tenant',
      deviceGrant: false,
      deviceIntervalSeconds: 1,
      deviceCodeTtlSeconds: 90,
      exactLoopbackPort: 33418,
      refuseRedirectKinds: ['privateUse', 'workbench'],
    });
    for (const argv of [['--discovery', 'some'], ['--refuse-redirect', 'privateUse,ftp']]) {
      assert.throws(() => parseCliArgs(argv), (error) => isBoomTownError(error, 'badInput'), argv.join(' '));
    }
  });

  it('the banner says which flows are offered and which redirect URIs are accepted', () => {
    const url = 'http://127.0.0.1:4711';
    const lenient = flowsBanner(url, defaultClient(), resolveLiveOptions({})).join('\n');
    assert.match(lenient, /authorization code \+ PKCE \(S256\)/);
    assert.match(lenient, /vscode:\/\/boomtown-dev\.boomtown-vscode\/callback/);
    assert.match(lenient, /http:\/\/127\.0\.0\.1\/callback {3}\(any port, RFC 8252\)/);
    assert.match(lenient, /code-server callbacks/);
    assert.match(lenient, /device code \(RFC 8628\) at http:\/\/127\.0\.0\.1:4711\/oauth\/device_authorization/);
    assert.match(lenient, /discovery: http:\/\/127\.0\.0\.1:4711\/\.well-known\/oauth-authorization-server, http:\/\/127\.0\.0\.1:4711\/\.well-known\/openid-configuration/);

    const strict = flowsBanner(url, defaultClient(), resolveLiveOptions({ exactLoopbackPort: 33418, refuseRedirectKinds: ['privateUse', 'workbench'], deviceGrant: false, discovery: 'none' })).join('\n');
    assert.doesNotMatch(strict, /vscode:\/\/boomtown/);
    assert.match(strict, /http:\/\/127\.0\.0\.1:33418\/callback {3}\(this port only/);
    assert.match(strict, /refused: private-use URI schemes/);
    assert.match(strict, /refused: a browser workbench's callback/);
    assert.match(strict, /device code: off/);
    assert.match(strict, /discovery: none \(404\)/);
  });

  it('refuses unknown flags and bad values with a typed error', () => {
    for (const argv of [['--bogus'], ['--port', 'abc'], ['--leads', '-3'], ['--rate-limit', 'ten'], ['--fault-scope', 'everything']]) {
      assert.throws(() => parseCliArgs(argv), (error) => isBoomTownError(error, 'badInput'), argv.join(' '));
    }
    assert.deepEqual(parseRateLimit('100/0.5'), { limit: 100, windowSeconds: 0.5 });
  });
});

describe('sandbox CLI process', function () {
  this.timeout(30_000);
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  const run = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli/cli.ts', ...args], { cwd: process.cwd() });

  function waitForOutput(proc: ChildProcessWithoutNullStreams, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output: ${output}`)), timeoutMs);
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = pattern.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        }
      });
    });
  }

  it('prints the URL, client id and secret, serves, and stops cleanly on SIGTERM', async () => {
    child = run(['--port', '0', '--leads', '20', '--quiet']);
    const [, url] = await waitForOutput(child, /BoomTown sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*client secret: sandbox-secret-not-for-production[\s\S]*sign-in flows:[\s\S]*device code \(RFC 8628\)/);
    assert.equal((await httpRequest(`${url}/admin/stats`)).status, 200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
  });

  it('--help lists the flags and exits 0; a bad flag exits 2', async () => {
    child = run(['--help']);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    for (const flag of ['--port', '--rate-limit', '--auto-approve', '--no-total', '--max-limit', '--fail-every', '--discovery', '--no-device-grant', '--exact-loopback-port', '--refuse-redirect']) assert.ok(output.includes(flag), flag);
    child = run(['--no-such-flag']);
    const [badCode] = await once(child, 'exit');
    assert.equal(badCode, 2);
  });
});
