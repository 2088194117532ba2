/**
 * Requests section: parsing a 1,000-request file (what every CodeLens refresh does), and the time
 * from "Send with BoomTown" to the answer's text, through the real core path (parse, find the
 * request, build, send through HttpClient against the sandbox at 50 ms latency, render).
 * The editor's own share (opening the virtual document) is not in it: this runs under plain Node.
 */
import { randomUUID } from 'node:crypto';
import { renderAnswer } from '../../src/core/explorer/answerDocument';
import { buildRequest, classifyRequest } from '../../src/core/explorer/requestFile/requestBuilder';
import { parseRequestFile, requestAtLine } from '../../src/core/explorer/requestFile/requestFileParser';
import { RequestHistory } from '../../src/core/explorer/requestHistory';
import { RequestSender } from '../../src/core/explorer/requestSender';
import { systemClock } from '../../src/core/shared/ports';
import { adversarialRequestFile, manyRequests } from '../unit/explorer/helpers/requestFileBuilders';
import { classifyLines } from '../../src/core/explorer/requestFile/lineTokens';
import type { SectionResult } from './report';
import { tokensFromSessions } from '../../src/core/api/tokenSource';
import { BENCH_SCOPES, openBenchWindow } from './signedInWindow';
import { median, percentile, round } from './stats';
import { MemoryState } from '../unit/helpers/memoryState';
import { builtInContract } from '../../src/core/api/contract/apiContract';
import { completionsAt } from '../../src/core/explorer/intellisense/completion';
import { ContractIndex } from '../../src/core/explorer/intellisense/contractIndex';
import { requestProblems } from '../../src/core/explorer/intellisense/diagnostics';
import { hoverAt } from '../../src/core/explorer/intellisense/hover';
import { readRequestDocument } from '../../src/core/explorer/intellisense/requestTarget';
import { measureLargeDescriptions } from './largeDescription';

const REQUESTS = 1_000;
const PARSE_RUNS = 30;
const LATENCY_MS = 50;
const SEND_RUNS = 15;
const PARSE_GOAL_MS = 50;
const ADVERSARIAL_BYTES = 1024 * 1024;
const ADVERSARIAL_RUNS = 5;
/** A quadratic parser took minutes on this file; linear ones take tens of milliseconds. */
const ADVERSARIAL_GOAL_MS = 500;
const INTELLISENSE_RUNS = 200;
const INTELLISENSE_GOAL_MS = 10;
const DESCRIPTION_BLOCK_GOAL_MS = 50;

export async function requestsSection(say: (line: string) => void): Promise<SectionResult> {
  const text = manyRequests(REQUESTS);
  say(`requests: parsing a ${REQUESTS}-request file (${Math.round(text.length / 1024)} KB) ${PARSE_RUNS} times`);
  const parse = measureParse(text);
  const adversarial = adversarialRequestFile(ADVERSARIAL_BYTES);
  say(`requests: parsing, highlighting and deciding the lenses of a ${Math.round(adversarial.length / 1024)} KB adversarial file ${ADVERSARIAL_RUNS} times`);
  const hostile = measureAdversarial(adversarial);
  say(`requests: completion, hover and diagnostics on the ${REQUESTS}-request file, ${INTELLISENSE_RUNS} times each`);
  const editor = await measureIntelliSense(text);
  say('requests: reading a 5 MB API description (JSON and YAML) on the worker, watching this thread');
  const descriptions = await measureDescriptions();

  const bench = await openBenchWindow({ leads: 200, faults: { latencyMs: LATENCY_MS } });
  try {
    await bench.signIn();
    say(`requests: "Send with BoomTown" to answer text, ${SEND_RUNS + 1} times, sandbox at ${LATENCY_MS} ms latency`);
    const send = await measureSend(bench, text);
    const sendGoal = LATENCY_MS + 50;
    return {
      name: 'requests',
      title: `Request files (${REQUESTS.toLocaleString('en-US')} requests; sandbox at ${LATENCY_MS} ms latency per request)`,
      figures: [
        { key: 'parseColdMs', label: `parse a ${REQUESTS}-request file, first time`, value: round(parse.coldMs), unit: 'ms', target: `< ${PARSE_GOAL_MS} ms`, met: parse.coldMs < PARSE_GOAL_MS },
        { key: 'parseMsMedian', label: `parse, median of ${PARSE_RUNS}`, value: round(parse.medianMs, 2), unit: 'ms', target: `< ${PARSE_GOAL_MS} ms`, met: parse.medianMs < PARSE_GOAL_MS },
        { key: 'parseAndLensMsMedian', label: '  parse + decide every lens (BoomTown or not), median', value: round(parse.lensMedianMs, 2), unit: 'ms', target: `< ${PARSE_GOAL_MS} ms`, met: parse.lensMedianMs < PARSE_GOAL_MS },
        { key: 'requestsParsed', label: '  requests found', value: parse.requests },
        { key: 'adversarialParseMsMedian', label: `parse + highlight + lenses of a 1 MB adversarial file, median of ${ADVERSARIAL_RUNS}`, value: round(hostile.medianMs), unit: 'ms', target: `< ${ADVERSARIAL_GOAL_MS} ms`, met: hostile.medianMs < ADVERSARIAL_GOAL_MS },
        { key: 'completionMsP95', label: `completion (path, query name, enum value, variable) on a ${REQUESTS}-request file, p95 of ${INTELLISENSE_RUNS}`, value: round(editor.completionP95, 2), unit: 'ms', target: `<= ${INTELLISENSE_GOAL_MS} ms`, met: editor.completionP95 <= INTELLISENSE_GOAL_MS },
        { key: 'hoverMsP95', label: `hover (path, parameter), p95 of ${INTELLISENSE_RUNS}`, value: round(editor.hoverP95, 2), unit: 'ms', target: `<= ${INTELLISENSE_GOAL_MS} ms`, met: editor.hoverP95 <= INTELLISENSE_GOAL_MS },
        { key: 'diagnosticsMsP95', label: `diagnostics of the whole file, p95 of ${INTELLISENSE_RUNS}`, value: round(editor.diagnosticsP95, 2), unit: 'ms', target: `<= ${INTELLISENSE_GOAL_MS} ms`, met: editor.diagnosticsP95 <= INTELLISENSE_GOAL_MS },
        { key: 'keystrokeMsP95', label: '  after an edit: parse the new version + completion, p95', value: round(editor.keystrokeP95, 2), unit: 'ms' },
        ...descriptions.flatMap((read) => [
          { key: `description${read.format}WorkerMs`, label: `read a ${read.megabytes.toFixed(1)} MB ${read.format} description (${read.operations} operations) on the worker, wall time`, value: round(read.workerMs), unit: 'ms' },
          { key: `description${read.format}LongestBlockMs`, label: '  longest block of the extension host thread meanwhile (incl. indexing the contract)', value: round(read.longestBlockMs, 1), unit: 'ms', target: `<= ${DESCRIPTION_BLOCK_GOAL_MS} ms`, met: read.longestBlockMs <= DESCRIPTION_BLOCK_GOAL_MS },
          { key: `description${read.format}IdleBlockMs`, label: '  an idle thread\'s longest gap over the same time (the machine\'s scheduling alone)', value: round(read.idleLongestBlockMs, 1), unit: 'ms' },
          { key: `description${read.format}SyncMs`, label: '  the same read on the calling thread (what the worker spares it), median', value: round(read.syncMedianMs), unit: 'ms' },
        ]),
        { key: 'sandboxLatencyMs', label: 'sandbox latency per request (one round trip, the floor)', value: LATENCY_MS, unit: 'ms' },
        { key: 'sendColdMs', label: 'send -> answer text, first time (opens the connection)', value: round(send.coldMs), unit: 'ms' },
        { key: 'sendMsMedian', label: `send -> answer text, median of ${SEND_RUNS}`, value: round(send.medianMs), unit: 'ms', target: `<= ${sendGoal} ms (one round trip + 50 ms)`, met: send.medianMs <= sendGoal },
        { key: 'sendMsP95', label: `  p95 of ${SEND_RUNS}`, value: round(send.p95Ms), unit: 'ms', target: `<= ${sendGoal} ms`, met: send.p95Ms <= sendGoal },
        { key: 'requestsPerSend', label: '  requests at the sandbox per send', value: send.requestsPerSend, target: 'expect 1', met: send.requestsPerSend === 1 },
      ],
      notes: [
        `The file: ${REQUESTS} GETs with a name, a header and file variables, plus a POST with a JSON body after every third; LF line ends.`,
        'send -> answer text: from the command\'s (uri, line) to the rendered answer: parse, find the request at the line, build, HttpClient.exchange (token from the session), history, renderAnswer. The median is over warm runs on one connection.',
        'The adversarial file: requests whose request line, header, variable and # @name hold 20,000-character runs of spaces and tabs, with an unclosed {{, ?&= runs and an unclosed quote (what a repository could hold to freeze the extension host).',
        'completion, hover, diagnostics: on the file parsed for its version (the editor parses once per version; the lenses share it), at requests spread over the file, against the built-in contract; "after an edit" adds that parse.',
        'The 5 MB descriptions are generated (test/bench/largeDescription.ts); the longest block is the longest gap between event-loop turns while the worker reads, plus indexing the contract it returns (done on this thread, added as if in the same turn: an upper bound).',
        'Not included: VS Code opening the answer document beside the file (measured in the integration run, not here).',
      ],
    };
  } finally {
    await bench.close();
  }
}

function measureParse(text: string): { coldMs: number; medianMs: number; lensMedianMs: number; requests: number } {
  const coldStart = performance.now();
  const first = parseRequestFile(text);
  const coldMs = performance.now() - coldStart;
  const times: number[] = [];
  const lensTimes: number[] = [];
  for (let run = 0; run < PARSE_RUNS; run++) {
    const started = performance.now();
    const parsed = parseRequestFile(text);
    times.push(performance.now() - started);
    let boomtown = 0;
    for (const block of parsed.requests) if (classifyRequest(block, parsed, 'https://api.boomtownroi.com').kind === 'boomtown') boomtown++;
    lensTimes.push(performance.now() - started);
    if (boomtown !== parsed.requests.length) throw new Error(`only ${boomtown} of ${parsed.requests.length} requests were BoomTown's`);
  }
  return { coldMs, medianMs: median(times), lensMedianMs: median(lensTimes), requests: first.requests.length };
}

/**
 * Completion, hover and diagnostics on the file as the editor holds it: parsed once per version (the
 * code lenses and these features share that parse), then each asked at requests spread over the
 * file. `keystroke` is the whole cost after an edit: the parse of the new version plus a completion.
 */
async function measureIntelliSense(text: string): Promise<{ completionP95: number; hoverP95: number; diagnosticsP95: number; keystrokeP95: number }> {
  const index = new ContractIndex(await builtInContract());
  const apiUrl = 'https://api.boomtownroi.com';
  const document = readRequestDocument(text);
  const requestLines = document.file.requests.filter((block) => block.method === 'GET').map((block) => block.requestLine);
  // `GET {{api}}/v1/leads?limit={{limit}}&offset=N`: the path, a query name, a value, a reference.
  const columns = { path: 'GET {{api}}/v1/le'.length, name: 'GET {{api}}/v1/leads?li'.length, value: 'GET {{api}}/v1/leads?limit={{limit}}&offset='.length, variable: 'GET {{'.length };
  const completion: number[] = [];
  const hover: number[] = [];
  const diagnostics: number[] = [];
  const keystroke: number[] = [];
  let offered = 0;
  for (let run = 0; run < INTELLISENSE_RUNS; run++) {
    const line = requestLines[Math.floor((run * 7919) % requestLines.length)];
    const character = Object.values(columns)[run % 4];
    let started = performance.now();
    offered += completionsAt(document, { line, character }, index, apiUrl).length;
    completion.push(performance.now() - started);
    started = performance.now();
    hoverAt(document, { line, character: run % 2 ? columns.path : columns.name }, index, apiUrl);
    hover.push(performance.now() - started);
    started = performance.now();
    requestProblems(document, index, apiUrl);
    diagnostics.push(performance.now() - started);
    started = performance.now();
    completionsAt(readRequestDocument(text), { line, character }, index, apiUrl);
    keystroke.push(performance.now() - started);
  }
  if (offered === 0) throw new Error('completion offered nothing');
  return { completionP95: percentile(completion, 95), hoverP95: percentile(hover, 95), diagnosticsP95: percentile(diagnostics, 95), keystrokeP95: percentile(keystroke, 95) };
}

/** The 5 MB descriptions read on the worker; the block adds indexing the contract, which the extension host does itself. */
async function measureDescriptions(): Promise<Array<{ format: string; megabytes: number; operations: number; workerMs: number; longestBlockMs: number; idleLongestBlockMs: number; syncMedianMs: number }>> {
  const figures = await measureLargeDescriptions(3);
  const contract = await builtInContract();
  return figures.map((read) => {
    // An index of as many operations as the description has, built as the extension host builds it.
    const operations = Array.from({ length: Math.ceil(read.operations / contract.operations.length) }, (_, copy) =>
      contract.operations.map((operation) => ({ ...operation, path: `${operation.path}/c${copy}` })),
    ).flat();
    const started = performance.now();
    new ContractIndex({ ...contract, operations });
    const indexMs = performance.now() - started;
    return { format: read.format, megabytes: read.megabytes, operations: read.operations, workerMs: read.workerMs, longestBlockMs: read.workerLongestBlockMs + indexMs, idleLongestBlockMs: read.idleLongestBlockMs, syncMedianMs: read.medianMs };
  });
}

/** What every CodeLens and highlighting pass does with the file: parse, tokenize, classify each request. */
function measureAdversarial(text: string): { medianMs: number } {
  const times: number[] = [];
  for (let run = 0; run < ADVERSARIAL_RUNS; run++) {
    const started = performance.now();
    const parsed = parseRequestFile(text);
    classifyLines(text);
    for (const block of parsed.requests) classifyRequest(block, parsed, 'https://api.boomtownroi.com');
    times.push(performance.now() - started);
  }
  return { medianMs: median(times) };
}

async function measureSend(bench: Awaited<ReturnType<typeof openBenchWindow>>, text: string): Promise<{ coldMs: number; medianMs: number; p95Ms: number; requestsPerSend: number }> {
  const history = new RequestHistory(new MemoryState());
  const sender = new RequestSender({ http: bench.http, history, clock: systemClock, newId: randomUUID });
  const tokens = tokensFromSessions(async () => (await bench.window.service.getSessions(BENCH_SCOPES))[0], bench.window.service);
  const apiUrl = bench.env.sandbox.url;
  // The line of request 500 in the file, as the CodeLens would pass it.
  const line = parseRequestFile(text).requests.find((r) => r.name === 'request 500')?.requestLine ?? 0;
  const once = async () => {
    const started = performance.now();
    const parsed = parseRequestFile(text);
    const block = requestAtLine(parsed, line);
    if (!block) throw new Error('no request at the line');
    const record = await sender.send(buildRequest(block, parsed, apiUrl), tokens);
    const answer = renderAnswer(record);
    if (record.response.status !== 200 || !answer.includes('"_metadata"')) throw new Error(`unexpected answer ${record.response.status}`);
    return performance.now() - started;
  };
  const coldMs = await once();
  bench.env.sandbox.resetCounters();
  const times: number[] = [];
  for (let run = 0; run < SEND_RUNS; run++) times.push(await once());
  const apiRequests = bench.env.sandbox.counters().total;
  return { coldMs, medianMs: median(times), p95Ms: percentile(times, 95), requestsPerSend: apiRequests / SEND_RUNS };
}
