import type { Dispatcher } from 'undici';
import type { RequestRecord } from '../../../sandbox';

const HANDLER_METHODS = [
  'onRequestStart', 'onRequestUpgrade', 'onResponseStart', 'onResponseData', 'onResponseEnd', 'onResponseError',
  'onConnect', 'onUpgrade', 'onHeaders', 'onData', 'onComplete', 'onError', 'onBodySent', 'onResponseStarted',
] as const;
const FINAL = new Set<string>(['onResponseEnd', 'onResponseError', 'onComplete', 'onError']);

export interface InFlightMeter {
  dispatcher: Dispatcher;
  /** Requests handed to the network so far. */
  readonly dispatched: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
}

/**
 * Wraps a dispatcher to count requests between dispatch and their last byte (or error). Whatever
 * the server sees at once can never exceed this.
 */
export function meterInFlight(inner: Dispatcher): InFlightMeter {
  const meter = { dispatched: 0, inFlight: 0, maxInFlight: 0 };
  const counting: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
    meter.dispatched++;
    meter.inFlight++;
    meter.maxInFlight = Math.max(meter.maxInFlight, meter.inFlight);
    let finished = false;
    const wrapped: Record<string, unknown> = {};
    const original = handler as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of HANDLER_METHODS) {
      if (typeof original[name] !== 'function') continue;
      wrapped[name] = (...args: unknown[]) => {
        if (FINAL.has(name) && !finished) {
          finished = true;
          meter.inFlight--;
        }
        return original[name].apply(handler, args);
      };
    }
    return dispatch(options, wrapped as Dispatcher.DispatchHandler);
  };
  return Object.assign(meter, { dispatcher: inner.compose(counting) }) as InFlightMeter;
}

/**
 * The most requests the server was handling at one time, from its own records (arrival time and
 * duration). Overlaps shorter than `marginMs` are ignored: times are rounded to milliseconds.
 */
export function maxServerOverlap(records: RequestRecord[], marginMs = 3): number {
  const spans = records.map((record) => ({ start: Date.parse(record.at), end: Date.parse(record.at) + record.ms }));
  let max = 0;
  for (const span of spans) {
    const probe = span.start + marginMs;
    max = Math.max(max, spans.filter((other) => other.start <= probe && other.end > probe).length);
  }
  return max;
}
