import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { toSnippet } from '../../../src/core/explorer/codeSnippets';
import { aRequest } from './helpers/exchanges';

const POST = aRequest({
  method: 'POST',
  url: 'https://api.example.test/v1/leads?q=it%27s',
  headers: [['Content-Type', 'application/json'], ['X-Quote', `it's "quoted" $HOME`], ['Authorization', 'Bearer written-in-the-file']],
  body: `{"note": "it's $HOME and \`cmd\`"}`,
});

describe('copying a request as code', () => {
  it('curl: single-quoted (nothing expands), token from $BOOMTOWN_ACCESS_TOKEN, no written token', () => {
    const text = toSnippet(POST, 'curl');
    assert.ok(text.startsWith("curl \\\n  -X POST \\\n  'https://api.example.test/v1/leads?q=it%27s'"));
    assert.ok(text.includes(`-H 'X-Quote: it'\\''s "quoted" $HOME'`));
    assert.ok(text.includes('-H "Authorization: Bearer $BOOMTOWN_ACCESS_TOKEN"'));
    assert.ok(!text.includes('written-in-the-file'));
    // The shell reads back exactly what was written (echo instead of curl).
    const echoed = execFileSync('sh', ['-c', text.replace(/^curl/, 'printf "%s\\n"')], { env: { BOOMTOWN_ACCESS_TOKEN: 'tok', PATH: process.env.PATH } }).toString();
    assert.ok(echoed.includes(`X-Quote: it's "quoted" $HOME`));
    assert.ok(echoed.includes('Authorization: Bearer tok'));
    assert.ok(echoed.includes(POST.body!));
  });

  it('curl: GET needs no -X, HEAD is --head', () => {
    assert.ok(!toSnippet(aRequest(), 'curl').includes('-X'));
    assert.ok(toSnippet(aRequest({ method: 'HEAD' }), 'curl').includes('--head'));
  });

  it('fetch (TypeScript): string literals, token from process.env, runnable as JavaScript', () => {
    const text = toSnippet(POST, 'fetch');
    assert.ok(text.includes('Authorization: `Bearer ${process.env.BOOMTOWN_ACCESS_TOKEN}`'));
    assert.ok(!text.includes('written-in-the-file'));
    const options = new Function('fetch', 'process', 'console', `return (async () => { ${text} })();`);
    let seen: { url: string; init: { method: string; headers: Record<string, string>; body: string } } | undefined;
    return options(
      async (url: string, init: never) => {
        seen = { url, init };
        return { status: 201, text: async () => '' };
      },
      { env: { BOOMTOWN_ACCESS_TOKEN: 'tok' } },
      { log: () => undefined },
    ).then(() => {
      assert.equal(seen?.url, POST.url);
      assert.equal(seen?.init.method, 'POST');
      assert.equal(seen?.init.headers.Authorization, 'Bearer tok');
      assert.equal(seen?.init.headers['X-Quote'], `it's "quoted" $HOME`);
      assert.equal(seen?.init.body, POST.body);
    });
  });

  it('Python requests: token from os.environ, string literals Python reads back', function () {
    this.timeout(20_000);
    const text = toSnippet(POST, 'python');
    assert.ok(text.includes('os.environ["BOOMTOWN_ACCESS_TOKEN"]'));
    assert.ok(!text.includes('written-in-the-file'));
    let python: string;
    try {
      python = execFileSync('sh', ['-c', 'command -v python3']).toString().trim();
    } catch {
      return this.skip();
    }
    // A stand-in `requests` module prints what it was given.
    const stub = 'import sys, types, json\nm = types.ModuleType("requests")\ndef request(method, url, headers, data=None):\n    print(json.dumps([method, url, headers, data.decode("utf-8") if data else None]))\n    return types.SimpleNamespace(status_code=201, text="")\nm.request = request\nsys.modules["requests"] = m\n';
    const out = execFileSync(python, ['-c', stub + text], { env: { BOOMTOWN_ACCESS_TOKEN: 'tok', PATH: process.env.PATH } }).toString();
    const [method, url, headers, body] = JSON.parse(out.split('\n')[0]) as [string, string, Record<string, string>, string];
    assert.equal(method, 'POST');
    assert.equal(url, POST.url);
    assert.equal(headers.Authorization, 'Bearer tok');
    assert.equal(headers['X-Quote'], `it's "quoted" $HOME`);
    assert.equal(body, POST.body);
  });
});
