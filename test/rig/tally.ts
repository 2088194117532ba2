import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Counts handed from one rig run to the next, so that `npm test`, which runs the rig twice (the
 * development folder, then the installed .vsix), still ends with one line covering both.
 */
export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

export interface RecordedTally extends Tally {
  /** Which run wrote it, and when: printed beside the counts it adds, so an old record is seen as old. */
  label: string;
  finishedAt: string;
}

export const EMPTY_TALLY: Tally = { passed: 0, failed: 0, skipped: 0 };

export function addTallies(...tallies: readonly Tally[]): Tally {
  return tallies.reduce<Tally>(
    (sum, tally) => ({ passed: sum.passed + tally.passed, failed: sum.failed + tally.failed, skipped: sum.skipped + tally.skipped }),
    EMPTY_TALLY,
  );
}

/** The runner's closing line: `N passed, N failed`, and `, N skipped` when some were. */
export function tallyLine(tally: Tally): string {
  return `${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`;
}

export async function recordTally(file: string, tally: RecordedTally): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(tally, null, 2)}\n`);
}

/** Removed when a run starts, so a run that dies without recording leaves no older counts behind. */
export async function forgetTally(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * Reads and removes a recorded tally, so that it is added to exactly one total. Undefined when
 * there is none; an unreadable record is an error rather than a silent zero.
 */
export async function takeTally(file: string): Promise<RecordedTally | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  await rm(file, { force: true });
  const parsed = JSON.parse(text) as Partial<RecordedTally>;
  const counts = [parsed.passed, parsed.failed, parsed.skipped];
  if (!counts.every((count) => Number.isInteger(count) && (count as number) >= 0)) throw new Error(`${file} does not hold a tally: ${text.slice(0, 200)}`);
  return parsed as RecordedTally;
}
