import { strict as assert } from 'node:assert';
import { diagnose, type DiagnosisFacts } from '../../../src/core/diagnose/diagnosis';
import { resolveConfig } from '../../../src/core/shared/config';
import { INJECTIONS, liveMarkup } from '../helpers/liveMarkup';

function facts(overrides: Partial<DiagnosisFacts> = {}): DiagnosisFacts {
  return {
    extensionVersion: '0.1.0',
    vscodeVersion: '1.100.3',
    uiKind: 'Desktop',
    remoteName: undefined,
    uriScheme: 'vscode',
    callbackUri: 'vscode://boomtown-dev.boomtown-vscode/callback',
    externalCallbackUri: 'vscode://boomtown-dev.boomtown-vscode/callback',
    authUrl: { value: 'https://auth.boomtownroi.com', source: 'default' },
    apiUrl: { value: 'https://api.boomtownroi.com', source: 'default' },
    configProblems: [],
    serverSettings: [
      { id: 'boomtown.authUrl', value: 'https://auth.boomtownroi.com', source: 'default', ignored: [] },
      { id: 'boomtown.apiUrl', value: 'https://api.boomtownroi.com', source: 'user', ignored: [{ scope: 'workspace', value: 'https://attacker.example' }] },
      { id: 'boomtown.clientId', value: undefined, source: 'environment', ignored: [{ scope: 'workspace folder', value: undefined }] },
    ],
    clientIdPresent: true,
    clientIdSource: 'setting',
    clientSecretSource: 'secret storage',
    secretStorage: { ok: true },
    signedInAccounts: 1,
    authHost: { url: 'https://auth.boomtownroi.com/oauth/authorize', ok: true, status: 400, ms: 42, clockSkewSeconds: 1 },
    apiHost: { url: 'https://api.boomtownroi.com/v1/me', ok: true, status: 401, ms: 40 },
    ...overrides,
  };
}

describe('diagnosis report', () => {
  it('finds no problem in a healthy setup and shows the environment', () => {
    const report = diagnose(facts());
    assert.equal(report.problems, 0);
    assert.match(report.markdown, /No problems found/);
    assert.match(report.markdown, /vscode:\/\/boomtown-dev\.boomtown-vscode\/callback/);
  });

  const cases: Array<[string, Partial<DiagnosisFacts>, RegExp]> = [
    ['missing client id', { clientIdPresent: false, clientIdSource: 'missing' }, /boomtown\.clientId.*BOOMTOWN_CLIENT_ID/],
    ['missing client secret', { clientSecretSource: 'missing' }, /Set Client Secret/],
    ['bad settings', { configProblems: ['boomtown.authUrl is not an http(s) URL'] }, /https:\/\//],
    ['broken secret storage', { secretStorage: { ok: false, error: 'no keyring' } }, /password-store=basic/],
    ['auth host unreachable', { authHost: { url: 'x', ok: false, error: 'ENOTFOUND' } }, /boomtown\.authUrl.*proxy/],
    ['api host failing', { apiHost: { url: 'x', ok: false, status: 503 } }, /boomtown\.apiUrl/],
    ['clock skew', { authHost: { url: 'x', ok: true, status: 200, ms: 5, clockSkewSeconds: 600 } }, /NTP/],
    ['asExternalUri failing', { externalCallbackUri: { error: 'no tunnel' } }, /Paste Redirect URL/],
  ];
  for (const [name, overrides, fix] of cases) {
    it(`names the likely fix for ${name}`, () => {
      const report = diagnose(facts(overrides));
      assert.equal(report.problems, 1);
      assert.match(report.markdown, fix);
    });
  }

  it('never prints what a client id or secret is, and keeps markup out of table cells', () => {
    const report = diagnose(facts({ configProblems: ['<img src=x onerror=alert(1)> | broken'] }));
    assert.deepEqual(liveMarkup(report.markdown.split('\n').find((line) => line.startsWith('| Settings'))!), []);
    assert.ok(report.markdown.includes(' \\| broken'));
  });
});

describe('diagnosis report: outside text stays text', () => {
  /** Code spans are inert by construction (their backticks cannot be closed early); the rest must hold no live markup. */
  const outsideCodeSpans = (markdown: string) => markdown.replace(/`[^`\n]*`/g, "''");

  for (const injection of INJECTIONS) {
    it(`setting values, server errors and names: ${injection}`, () => {
      // The problems text as config.ts writes it from the settings' values.
      const settings = { authUrl: injection, apiUrl: injection, clientAuthentication: injection, issuer: injection, authorizeParameters: { [injection]: injection } };
      const { problems } = resolveConfig(settings, {});
      assert.ok(problems.length >= 3, problems.join('\n'));
      const report = diagnose(
        facts({
          configProblems: problems,
          remoteName: injection,
          externalCallbackUri: { error: injection },
          secretStorage: { ok: false, error: injection },
          authHost: { url: 'x', ok: false, error: injection },
          authUrl: { value: injection, source: 'setting' },
          callbackUri: injection,
        }),
      );
      assert.deepEqual(liveMarkup(outsideCodeSpans(report.markdown)), []);
    });
  }

  it('the check sees an undefused value', () => {
    assert.notDeepEqual(liveMarkup(outsideCodeSpans('| Settings | ![x](https://host/beacon.png) |')), []);
  });
});

describe('diagnosis report: server settings', () => {
  it('shows each server setting with its value and source, and every workspace value that was ignored, inside code spans', () => {
    const { markdown } = diagnose(facts());
    assert.match(markdown, /## Server settings/);
    assert.match(markdown, /^- boomtown\.authUrl: `https:\/\/auth\.boomtownroi\.com` \(default\)$/m);
    assert.match(markdown, /^- boomtown\.apiUrl: `https:\/\/api\.boomtownroi\.com` \(user\); ignored workspace value: `https:\/\/attacker\.example`$/m);
    assert.match(markdown, /^- boomtown\.clientId: \(not shown\) \(environment\); ignored workspace folder value: \(not shown\)$/m);
  });

  it('keeps a workspace value inside its code span: a backtick or a line break cannot end it', () => {
    const hostile = 'x` ![beacon](https://host/b.png)\n# heading';
    const { markdown } = diagnose(facts({ serverSettings: [{ id: 'boomtown.apiUrl', value: 'https://api.example', source: 'user', ignored: [{ scope: 'workspace', value: hostile }] }] }));
    const line = markdown.split('\n').find((l) => l.startsWith('- boomtown.apiUrl'))!;
    assert.equal(line, "- boomtown.apiUrl: `https://api.example` (user); ignored workspace value: `x' ![beacon](https://host/b.png) # heading`");
  });

  it('shows what discovery found, which endpoints came from it, and the redirect URI of each flow', () => {
    const report = diagnose(
      facts({
        metadata: {
          ok: true,
          source: 'https://auth.test/.well-known/oauth-authorization-server',
          discovered: ['token', 'deviceAuthorization'],
          endpoints: { authorization: 'https://auth.test/oauth/authorize', token: 'https://auth.test/t', revocation: 'https://auth.test/oauth/revoke', deviceAuthorization: 'https://auth.test/device' },
          issuer: 'https://auth.test',
        },
        signInFlows: [
          { flow: 'vscode', redirectUri: 'vscode://boomtown-dev.boomtown-vscode/callback' },
          { flow: 'loopback', redirectUri: 'http://127.0.0.1:33418/callback', note: 'boomtown.loopbackPort' },
          { flow: 'deviceCode', redirectUri: undefined },
        ],
      }),
    );
    assert.equal(report.problems, 0);
    assert.match(report.markdown, /- token: `https:\/\/auth\.test\/t` \(from the metadata\)/);
    assert.match(report.markdown, /- authorization: `https:\/\/auth\.test\/oauth\/authorize` \(fixed path\)/);
    assert.match(report.markdown, /\| loopback \| `http:\/\/127\.0\.0\.1:33418\/callback` \|/);
    assert.match(report.markdown, /\| deviceCode \| none \(nothing comes back\) \|/);
  });

  it('counts refused metadata (another issuer) as a problem naming boomtown.authUrl', () => {
    const report = diagnose(facts({ metadata: { ok: false, error: 'names the issuer "https://evil.test"' } }));
    assert.equal(report.problems, 1);
    assert.match(report.markdown, /Server metadata \| \*\*problem\*\*/);
    assert.match(report.markdown, /boomtown\.authUrl/);
  });
});
