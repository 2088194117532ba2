/**
 * The worker that reads a user's API description off the extension host's thread: a 5 MB YAML
 * document takes seconds to parse (the yaml package composes a document in one synchronous step),
 * which would freeze every editor feature. Started by readApiDescriptionInWorker with the text's UTF-8
 * bytes in workerData; posts back the contract or the problem, nothing else, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readApiDescription } from './apiContract';

const { bytes, source } = workerData as { bytes: Uint8Array; source: string };
// A byte order mark is the text's business (readApiDescription drops it), not the decoder's.
parentPort?.postMessage(readApiDescription(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), source));
