import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readApiDescriptionInWorker } from '../../../../src/core/api/contract/readInWorker';
import { isBoomTownError } from '../../../../src/core/shared/errors';

/** The worker's TypeScript source, loaded through tsx's require hook (the bundle ships it built). */
const worker = { workerFile: join(__dirname, '..', '..', '..', '..', 'src', 'core', 'api', 'contract', 'descriptionWorker.ts'), execArgv: ['--require', 'tsx/cjs'] };

describe('readApiDescriptionInWorker', function () {
  this.timeout(30_000);

  it('answers what readApiDescription answers, from bytes or text: the contract, or the problem with its pointer', async () => {
    // Bytes as read from disk, with a byte order mark; the caller's bytes stay theirs (a copy is moved to the worker).
    const bytes = new TextEncoder().encode('\uFEFFopenapi: 3.0.1\ninfo: { title: Mine, version: "1" }\npaths:\n  /v1/listings:\n    get: { summary: Listings }\n');
    const read = await readApiDescriptionInWorker(bytes, 'mine.yaml', worker);
    assert.ok(bytes.byteLength > 0 && bytes[0] === 0xef, 'the caller\'s bytes are not detached');
    assert.ok(read.ok, read.ok ? '' : read.problem);
    assert.deepEqual(read.contract.operations.map((operation) => `${operation.method} ${operation.path} ${operation.summary}`), ['GET /v1/listings Listings']);
    assert.deepEqual(await readApiDescriptionInWorker('swagger: "2.0"\n', 'old.yaml', worker), { ok: false, problem: 'not an OpenAPI 3.0 or 3.1 document (Swagger 2.0)', pointer: '/openapi' });
  });

  it('cancelling ends the worker with a cancelled error, not a problem of the document', async () => {
    const controller = new AbortController();
    const reading = readApiDescriptionInWorker('openapi: 3.1.0\npaths:\n  /a:\n    get: {}\n', 'a.yaml', { ...worker, signal: controller.signal });
    controller.abort();
    await assert.rejects(reading, (error) => isBoomTownError(error, 'cancelled'));
    controller.abort();
    await assert.rejects(readApiDescriptionInWorker('openapi: 3.1.0\n', 'a.yaml', { ...worker, signal: controller.signal }), (error) => isBoomTownError(error, 'cancelled'));
  });

  it('a worker that cannot start is an error of the reader', async () => {
    await assert.rejects(readApiDescriptionInWorker('openapi: 3.1.0\n', 'a.yaml', { workerFile: join(__dirname, 'no-such-worker.mjs') }), (error) => isBoomTownError(error, 'badInput') && /failed|stopped/.test((error as Error).message));
  });
});
