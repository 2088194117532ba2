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

const REQUESTS = 1_000;
const PARSE_RUNS = 30;
const LATENCY_MS = 50;
const SEND_RUNS = 15;
const PARSE_GOAL_MS = 50;
const ADVERSARIAL_BYTES = 1024 * 1024;
const ADVERSARIAL_RUNS = 5;
/** A quadratic parser took minutes on this file; linear ones take tens of milliseconds. */
const ADVERSARIAL_GOAL_MS = 500;

export async function requestsSection(say: (line: string) => void): Promise<SectionResult> {
  const text = manyRequests(REQUESTS);
  say(`requests: parsing a ${REQUESTS}-request file (${Math.round(text.length / 1024)} KB) ${PARSE_RUNS} times`);
  const parse = measureParse(text);
  const adversarial = adversarialRequestFile(ADVERSARIAL_BYTES);
  say(`requests: parsing, highlighting and deciding the lenses of a ${Math.round(adversarial.length / 1024)} KB adversarial file ${ADVERSARIAL_RUNS} times`);
  const hostile = measureAdversarial(adversarial);

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
