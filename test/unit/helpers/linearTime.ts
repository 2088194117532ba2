import { strict as assert } from 'node:assert';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Proof by ratio that `run` takes time linear in its input: the input of twice the size may take at
 * most `maxRatio` times as long. Time is this process's CPU time, not the wall clock, so other
 * processes on a loaded machine do not count; each sample repeats the call until the smaller
 * input's sample lasts about SAMPLE_MS (timer resolution and a stray collection do not decide), and
 * the minimum of several samples is kept (interference only ever adds time). A quadratic parser gives about 4, and
 * would already spend far beyond `budgetMs` on the smaller input: then the check fails at once
 * instead of waiting minutes for the larger one.
 */
export function assertLinear(what: string, input: (size: number) => string, run: (text: string) => unknown, options: { size?: number; maxRatio?: number; budgetMs?: number } = {}): void {
  const size = options.size ?? 200_000;
  const maxRatio = options.maxRatio ?? 3;
  const budgetMs = options.budgetMs ?? 1_500;
  const small = input(size);
  const large = input(size * 2);
  assert.ok(large.length >= small.length * 1.9, `${what}: the larger input is not about twice the size`);

  const firstMs = cpuMs(() => run(small));
  assert.ok(firstMs < budgetMs, `${what}: ${Math.round(small.length / 1000)} KB took ${Math.round(firstMs)} ms (budget ${budgetMs} ms): not linear`);

  // Warm up (compilation, inline caches) before calibrating: the first call is no measure.
  run(large);
  const warmMs = cpuMs(() => run(small));
  const repeats = Math.max(1, Math.ceil(SAMPLE_MS / Math.max(warmMs, 0.01)));
  const sample = (text: string) => {
    // A collection left over from the previous sample (its garbage scales with the input) is not this sample's time.
    collectGarbage();
    return cpuMs(() => {
      for (let i = 0; i < repeats; i++) run(text);
    });
  };
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let i = 0; i < SAMPLES; i++) {
    smallMs = Math.min(smallMs, sample(small));
    largeMs = Math.min(largeMs, sample(large));
  }
  const ratio = largeMs / smallMs;
  assert.ok(
    ratio <= maxRatio,
    `${what}: ${Math.round(large.length / 1000)} KB took ${ratio.toFixed(2)}× as long as ${Math.round(small.length / 1000)} KB (${largeMs.toFixed(1)} vs ${smallMs.toFixed(1)} ms for ${repeats} runs); at most ${maxRatio}× is linear`,
  );
}

/** CPU milliseconds `task` took in this process (user and system). */
function cpuMs(task: () => void): number {
  const start = process.cpuUsage();
  task();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The collector, made callable for this process (mocha runs without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const SAMPLE_MS = 60;
const SAMPLES = 7;
