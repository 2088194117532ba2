import { assertLinear } from '../helpers/linearTime';
import { parseRequestFile } from '../../../src/core/explorer/requestFile/requestFileParser';
import { classifyLines } from '../../../src/core/explorer/requestFile/lineTokens';
import { buildRequest, classifyRequest } from '../../../src/core/explorer/requestFile/requestBuilder';
import { tryResolveVariables } from '../../../src/core/explorer/requestFile/variables';
import { readRequestDocument, requestTarget } from '../../../src/core/explorer/intellisense/requestTarget';
import { callbackError, looksLikeBareCode, parseCallback } from '../../../src/core/auth/callback';
import { oauthErrorFromBody, parseJsonObject, parseTokenResponse } from '../../../src/core/auth/tokens';
import { errorForStatus } from '../../../src/core/api/httpErrors';
import { prettyJson } from '../../../src/core/explorer/prettyJson';
import { Redactor } from '../../../src/core/shared/redact';
import { validateRawPath } from '../../../src/core/api/rawPath';
import { safeMessage, singleLine } from '../../../src/core/shared/plainText';

const API = 'https://api.example.test/gw';

/** Everything the extension does with a request file it is shown: parse, highlight, decide the lens, build. */
function everyPassOver(text: string): void {
  const file = parseRequestFile(text);
  classifyLines(text);
  for (const block of file.requests) {
    classifyRequest(block, file, API);
    try {
      buildRequest(block, file, API);
    } catch {
      // Refusing is an answer too: what counts is the time it took.
    }
  }
}

/** `n` characters of `unit` repeated, between a prefix and a suffix (the suffix makes the run end in something unexpected). */
const run = (prefix: string, unit: string, suffix: string) => (n: number) => prefix + unit.repeat(Math.ceil(n / unit.length)) + suffix;

describe('parsers of outside text run in linear time (twice the input, at most ~3× the time)', function () {
  // Each case takes well under a second when linear; the budget inside assertLinear fails a quadratic one fast.
  this.timeout(60_000);

  const REQUEST_FILES: Array<[string, (n: number) => string]> = [
    ['spaces inside a request line', run('GET /v1/a', ' ', 'b')],
    ['spaces after a request line', run('GET /v1/a', ' ', '')],
    ['tabs inside a request line', run('GET /v1/a', '\t', 'b HTTP/1.1')],
    ['spaces before HTTP/ that is no version', run('GET /v1/a', ' ', 'HTTP/x')],
    ['a method and spaces only', run('GET', ' ', '\n')],
    ['spaces inside a header value', run('GET /v1/a\nX-A: a', ' ', 'b')],
    ['tabs around a header colon', run('GET /v1/a\nX-A', '\t', ':\tb\t\tc')],
    ['spaces inside a file variable', run('@a = a', ' ', 'b\nGET /v1/a')],
    ['spaces before a variable\'s =', run('@a', ' ', 'x\nGET /v1/a')],
    ['spaces inside # @name', run('# @name a', ' ', 'b\nGET /v1/a')],
    ['spaces inside # @account', run('# @account a', '\t ', 'b\nGET /v1/a')],
    ['spaces after a comment marker', run('#', ' ', '@')],
    ['unclosed {{ in a header', run('GET /v1/a\nX-A: ', '{{', ' x')],
    ['{{ and spaces, unclosed', run('GET /v1/a\nX-A: {{', ' ', 'x')],
    ['{{ then spaces, in the URL', run('GET /v1/{{', ' ', '}')],
    ['many {{ a }} references', run('@a = 1\nGET /v1/a?x=', '{{ a }}', '')],
    ['?&= in the URL', run('GET /v1/a', '?&=', '')],
    ['?&= continuation lines', run('GET /v1/a\n', '&a=b\n', '')],
    ['a form body of &a=', run('POST /v1/a\n\na=b', '&a=', ' ')],
    ['a form body of = runs', run('POST /v1/a\n\na', '=', '&')],
    ['unclosed quotes in a body', run('POST /v1/a\n\n{"a": "', '\\" ', '')],
    ['many short requests', run('', 'GET /v1/a\nX: b\n\n###\n', '')],
  ];
  for (const [name, input] of REQUEST_FILES) it(`request file: ${name}`, () => assertLinear(name, input, everyPassOver));

  /** What completion, hover and the problems read of every request: where its target starts and ends. */
  const everyTargetIn = (text: string) => {
    const document = readRequestDocument(text);
    for (const block of document.file.requests) requestTarget(document, block, API);
  };
  const REQUEST_TARGETS: Array<[string, (n: number) => string]> = [
    ['an unclosed {{ then spaces', run('GET {{', ' ', 'x}}')],
    ['spaces inside {{ }}', run('GET {{', ' ', 'boomtown.apiUrl }}/v1/a')],
    ['many {{ a }} references', run('@a = 1\nGET /v1/a?x=', '{{ a }}', ' HTTP/1.1')],
    ['many unclosed {{', run('GET /v1/a?x=', '{{ a ', '}}')],
    ['runs of {', run('GET /v1/a?x=', '{', ' }}')],
  ];
  for (const [name, input] of REQUEST_TARGETS) it(`request target: ${name}`, () => assertLinear(name, input, everyTargetIn));

  it('the form-body sniffer', () => assertLinear('form', run('a=', '&a=b', '& '), (body) => everyPassOver(`POST /v1/leads\n\n${body}`)));
  it('variables: unclosed {{ with spaces', () => assertLinear('variables', run('{{', ' ', 'x'), (text) => tryResolveVariables(text, new Map(), {})));

  const CALLBACKS: Array<[string, (n: number) => string]> = [
    ['a callback with a long error_description', run('vscode://x/callback?state=s&error=access_denied&error_description=', '%20', 'x')],
    ['a callback of ?&=', run('vscode://x/callback?', '?&=', '')],
    ['a pasted code of spaces', run('a', ' ', 'b')],
  ];
  for (const [name, input] of CALLBACKS) {
    it(name, () =>
      assertLinear(name, input, (text) => {
        const params = parseCallback(text);
        looksLikeBareCode(text);
        if (params?.error) callbackError(params.error, params.errorDescription);
      }),
    );
  }

  const ANSWERS: Array<[string, (n: number) => string]> = [
    ['a token answer with a long error_description', run('{"error":"invalid_grant","error_description":"', ' ', '"}')],
    ['a token answer with an unclosed string', run('{"access_token":"', ' \\"', '')],
    ['an API error body', run('{"error":{"code":"x","message":"', '[ ](', '"}}')],
    ['an API answer of nested arrays', run('', '[', '')],
  ];
  for (const [name, input] of ANSWERS) {
    it(name, () =>
      assertLinear(name, input, (text) => {
        const body = parseJsonObject(text);
        if (body) oauthErrorFromBody(body, 400);
        try {
          parseTokenResponse(text, { now: 0, fallbackScopes: [] });
        } catch {
          // refused: the time is what counts
        }
        errorForStatus({ method: 'GET', url: API, status: 400, durationMs: 0, headers: {}, bodyText: text, attempts: 1 });
        prettyJson(text);
        new Redactor().redact(text);
      }),
    );
  }

  it('Send Request… paths', () => assertLinear('raw path', run('/v1/a', '/./', '?&='), (text) => {
    try {
      validateRawPath(text, API);
    } catch {
      // refused
    }
  }));
  it('shown text', () => assertLinear('safeMessage', run('a', ' [](`', 'b'), (text) => {
    safeMessage(text, 1_000_000);
    singleLine(text, 1_000_000);
  }));
});
