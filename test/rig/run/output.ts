/**
 * The runner's console. The closing `N passed, N failed` must be the last line: once it is
 * printed, late messages (a tab closing under us, a straggling log line) are dropped.
 */
let closed = false;

/** A line of the rig's own, marked so that it never reads as the closing line. */
export function say(line: string): void {
  if (!closed) console.log(`[rig] ${line}`);
}

/** A line of the suite's output (mocha's reporter), as it is. */
export function echo(line: string): void {
  if (!closed) console.log(line);
}

export function closeWith(lastLine: string): void {
  if (closed) return;
  console.log(lastLine);
  closed = true;
}

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

export function addTallies(tallies: readonly Tally[]): Tally {
  return tallies.reduce<Tally>(
    (sum, tally) => ({ passed: sum.passed + tally.passed, failed: sum.failed + tally.failed, skipped: sum.skipped + tally.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

/** `N passed, N failed`, and `, N skipped` when some were. */
export function tallyLine(tally: Tally): string {
  return `${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`;
}
