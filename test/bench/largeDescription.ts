/**
 * How long reading a 5 MB API description (`boomtown.apiDescription`) holds the thread, in JSON and
 * in YAML: `npx tsx test/bench/largeDescription.ts` prints it, and the requests section can report
 * it. The document is generated: paths with parameters by $ref and inline, and answer schemas, the
 * way a large real description is built.
 */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readApiDescription } from '../../src/core/api/contract/apiContract';
import { readApiDescriptionInWorker } from '../../src/core/api/contract/readInWorker';

export interface LargeDescriptionFigures {
  format: 'JSON' | 'YAML';
  megabytes: number;
  operations: number;
  /** The whole read, parse included: what one synchronous call holds the thread for. */
  medianMs: number;
  maxMs: number;
  /** Read on a worker (readApiDescriptionInWorker): the wall time until the contract is back… */
  workerMs: number;
  /** …and the longest the calling thread was blocked at once meanwhile (the longest gap between event loop turns)… */
  workerLongestBlockMs: number;
  /** …against the longest gap of an idle thread over the same time: what the machine's scheduling alone costs. */
  idleLongestBlockMs: number;
}

const WORKER_FILE = join(__dirname, '..', '..', 'src', 'core', 'api', 'contract', 'descriptionWorker.ts');

const TARGET_BYTES = 5 * 1024 * 1024;
/** JSON.stringify's compact size of the document; written with indentation (as people write it) it is larger. */

/** A description of about `bytes` bytes as JSON: as many resources (each a list and an item path) as fit. */
export function largeDescription(bytes = TARGET_BYTES): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const document = {
    openapi: '3.1.0',
    info: { title: 'A large API', version: '1.0.0' },
    paths,
    components: {
      parameters: {
        Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
        Offset: { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
      },
      schemas,
    },
  };
  let size = JSON.stringify(document).length;
  for (let index = 0; size < bytes; index++) {
    const name = `Resource${index}`;
    const properties = Object.fromEntries(
      Array.from({ length: 20 }, (_, field) => [`field${field}`, { type: ['string', 'null'], description: `Field ${field} of ${name}, as the server stores it.` }]),
    );
    schemas[name] = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, ...properties } };
    const answer = (schema: unknown) => ({ '200': { description: 'OK', content: { 'application/json': { schema } } } });
    const list = {
      get: {
        operationId: `list${name}`,
        tags: [`Group${index % 40}`],
        summary: `List ${name} items`,
        description: `A page of ${name} items, newest first. `.repeat(4),
        parameters: [
          { $ref: '#/components/parameters/Limit' },
          { $ref: '#/components/parameters/Offset' },
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['active', 'pending', 'closed', 'archived'] } },
        ],
        responses: answer({ type: 'object', properties: { data: { type: 'array', items: { $ref: `#/components/schemas/${name}` } } } }),
      },
    };
    const item = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: `get${name}`, tags: [`Group${index % 40}`], summary: `One ${name}`, responses: answer({ $ref: `#/components/schemas/${name}` }) },
    };
    paths[`/v1/resource${index}`] = list;
    paths[`/v1/resource${index}/{id}`] = item;
    size += JSON.stringify(schemas[name]).length + JSON.stringify(list).length + JSON.stringify(item).length + 80;
  }
  return document;
}

/** The document written by `render`, generated so that the text (not the compact JSON) is about 5 MB. */
function sizedText(render: (document: unknown) => string): string {
  const first = render(largeDescription());
  return render(largeDescription(Math.floor((TARGET_BYTES * TARGET_BYTES) / Buffer.byteLength(first))));
}

export async function measureLargeDescriptions(runs = 5): Promise<LargeDescriptionFigures[]> {
  const texts = { JSON: sizedText((document) => JSON.stringify(document, null, 2)), YAML: sizedText((document) => stringify(document)) } as const;
  const figures: LargeDescriptionFigures[] = [];
  for (const format of Object.keys(texts) as Array<keyof typeof texts>) {
    const text = texts[format];
    const source = `large.${format.toLowerCase()}`;
    // The worker first, on a clean heap, so a collection of the synchronous runs' garbage is not counted as its block.
    collectGarbage();
    const started = performance.now();
    const watched = await longestBlock(readApiDescriptionInWorker(text, source, { workerFile: WORKER_FILE, execArgv: ['--require', 'tsx/cjs'] }));
    const workerMs = performance.now() - started;
    if (!watched.value.ok) throw new Error(`the generated ${format} description was refused at ${watched.value.pointer}: ${watched.value.problem}`);
    const operations = watched.value.contract.operations.length;
    const idle = await longestBlock(new Promise((resolve) => setTimeout(resolve, workerMs)));
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      collectGarbage();
      const begun = performance.now();
      const result = readApiDescription(text, source);
      times.push(performance.now() - begun);
      if (!result.ok || result.contract.operations.length !== operations) throw new Error('the calling thread read a different contract');
    }
    times.sort((a, b) => a - b);
    figures.push({
      format,
      megabytes: Buffer.byteLength(text) / 1024 / 1024,
      operations,
      medianMs: times[Math.floor(times.length / 2)],
      maxMs: times[times.length - 1],
      workerMs,
      workerLongestBlockMs: watched.longestMs,
      idleLongestBlockMs: idle.longestMs,
    });
  }
  return figures;
}

/** The longest gap between two turns of this thread's event loop while `work` runs: how long the thread was blocked at once. */
async function longestBlock<T>(work: Promise<T>): Promise<{ value: T; longestMs: number }> {
  let longestMs = 0;
  let last = performance.now();
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  try {
    const value = await work;
    // One more turn, so the gap in which the answer was received (and copied in) is counted too.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { value, longestMs };
  } finally {
    running = false;
  }
}

/** `npm run bench` runs with --expose-gc; run directly without it, collections happen when they happen. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

if (require.main === module) {
  void measureLargeDescriptions(3).then((all) => {
    for (const figures of all) {
      console.log(
        `${figures.format}: ${figures.megabytes.toFixed(1)} MB, ${figures.operations} operations: on the calling thread ${figures.medianMs.toFixed(0)} ms (median of 3, max ${figures.maxMs.toFixed(0)}); ` +
          `on a worker ${figures.workerMs.toFixed(0)} ms, the calling thread blocked ${figures.workerLongestBlockMs.toFixed(1)} ms at most ` +
          `(idle, the same thread's longest gap over that time: ${figures.idleLongestBlockMs.toFixed(1)} ms)`,
      );
    }
  });
}
