/**
 * Stops what a run started, last started first, exactly once: on success, on failure, on timeout
 * and on Ctrl+C. A step that fails is reported and the others still run. Something that finishes
 * starting after cleanup began (Ctrl+C during start-up) is stopped as soon as it is added.
 */
export class Cleanup {
  private readonly steps: CleanupStep[] = [];
  private readonly lateSteps: Array<Promise<void>> = [];
  private running: Promise<void> | undefined;
  private report: (line: string) => void = () => undefined;

  add(label: string, run: () => Promise<unknown> | unknown): void {
    const step = { label, run };
    if (this.running) this.lateSteps.push(this.running.then(() => this.runStep(step)));
    else this.steps.push(step);
  }

  runAll(report: (line: string) => void): Promise<void> {
    this.report = report;
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) await this.runStep(step);
    })();
    return this.running;
  }

  /** Resolves when the steps added after runAll() have run too. */
  async lateStepsDone(): Promise<void> {
    await this.running;
    await Promise.all(this.lateSteps);
  }

  private async runStep(step: CleanupStep): Promise<void> {
    try {
      await withTimeout(Promise.resolve(step.run()), 15_000);
    } catch (error) {
      this.report(`cleanup: stopping ${step.label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

interface CleanupStep {
  label: string;
  run: () => Promise<unknown> | unknown;
}

/** Ctrl+C, a kill or a closed terminal: calls `listener` once with the exit code to use (128 + signal). */
export function onStopSignal(listener: (signal: NodeJS.Signals, exitCode: number) => void): void {
  let called = false;
  const codes: Array<[NodeJS.Signals, number]> = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]];
  for (const [signal, exitCode] of codes) {
    process.on(signal, () => {
      if (called) return;
      called = true;
      listener(signal, exitCode);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
