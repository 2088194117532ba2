/**
 * The worker that reads a user's API description off the extension host's thread: a 5 MB YAML
 * document takes seconds to parse (the yaml package composes a document in one synchronous step),
 * which would freeze every editor feature. Started by readApiDescriptionInWorker with the text in
 * workerData; posts back the contract or the problem, nothing else, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readApiDescription } from './apiContract';

const { text, source } = workerData as { text: string; source: string };
parentPort?.postMessage(readApiDescription(text, source));
