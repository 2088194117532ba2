import { STARTUP_ACTIVATION_LABEL } from '../bridgeProtocol';

/** Ours over github-authentication's: the goal the issue sets (speed is measured, never asserted). */
export const GOAL_OF_GITHUB = 0.5;
/** Ours over the empty extension's. */
export const GOAL_OF_EMPTY = 1.5;

interface Sample {
  run: string;
  ours: number;
  github: number;
  empty: number;
  oursEvent: string;
  emptyEvent: string;
}

/**
 * The activation figures the tests log, one line per window startup (test/integration/helpers/
 * activationCost.ts): Load Code + Call Activate, from VS Code's own Extension Activation Stats, for
 * this extension, vscode.github-authentication and the rig's empty extension, in that startup, each
 * with the event that activated it. One startup is one sample, and on a loaded machine samples swing
 * by two or three times either way; the medians over every startup of the rig run are the figures to read.
 *
 * Only like is compared with like: a startup where ours and the empty extension were activated by
 * different events is listed apart and left out of the medians. (The empty extension declares every
 * event ours starts by, so this should not happen; when it did, before it declared ours' views, a
 * restored window activated ours by its view while the workbench was still restoring, at up to ten
 * times the cost of the same code activated by onStartupFinished a moment later.)
 */
export class StartupFigures {
  private readonly samples: Sample[] = [];
  private readonly pattern = new RegExp(
    `\\[figure\\] ${STARTUP_ACTIVATION_LABEL} \\([^)]*\\): boomtown (\\d+(?:\\.\\d+)?) ms by (\\S+), github-authentication (\\d+(?:\\.\\d+)?) ms by \\S+, empty (\\d+(?:\\.\\d+)?) ms by (\\S+) `,
  );

  /** Keeps the figures if `line` is a startup activation line. */
  note(line: string, run: string): void {
    const match = this.pattern.exec(line);
    if (match) {
      this.samples.push({ run, ours: Number(match[1]), oursEvent: match[2], github: Number(match[3]), empty: Number(match[4]), emptyEvent: match[5] });
    }
  }

  /**
   * The closing line, or undefined when no test logged a figure (a grep that left them out):
   * `[figure] startup activation, medians of the N startups of this rig run where boomtown and the
   * empty extension were activated by the same event: boomtown A ms, github-authentication B ms,
   * empty C ms; boomtown / github-authentication R1 (goal ≤ 0.5), boomtown / empty R2 (goal ≤ 1.5);
   * median of each startup's ratios: P1 and P2; each startup, …; left out, …`.
   * R1 and R2 are ratios of the medians; P1 and P2 pair the three figures of one startup, which
   * the machine's load of that moment swings together, before taking the median.
   */
  summary(): string | undefined {
    if (this.samples.length === 0) return undefined;
    const comparable = this.samples.filter((sample) => sample.oursEvent === sample.emptyEvent);
    const apart = this.samples.filter((sample) => sample.oursEvent !== sample.emptyEvent);
    const leftOut = apart.length
      ? `; left out, boomtown and the empty extension activated by different events: ` +
        apart.map((sample) => `${figuresOf(sample)} ${sample.run} (boomtown by ${sample.oursEvent}, empty by ${sample.emptyEvent})`).join('; ')
      : '';
    if (comparable.length === 0) {
      return `[figure] ${STARTUP_ACTIVATION_LABEL}: no startup of this rig run activated boomtown and the empty extension by the same event, so no figure compares them${leftOut}`;
    }
    const [ours, github, empty] = (['ours', 'github', 'empty'] as const).map((key) => median(comparable.map((sample) => sample[key])));
    const paired = (key: 'github' | 'empty') => median(comparable.map((sample) => sample.ours / Math.max(1, sample[key]))).toFixed(2);
    const each = comparable.map((sample) => `${figuresOf(sample)} ${sample.run} (${sample.oursEvent})`).join('; ');
    return (
      `[figure] ${STARTUP_ACTIVATION_LABEL}, medians of the ${comparable.length} startups of this rig run where boomtown and the empty extension were activated by the same event: ` +
      `boomtown ${ours} ms, github-authentication ${github} ms, empty ${empty} ms; ` +
      `boomtown / github-authentication ${(ours / Math.max(1, github)).toFixed(2)} (goal ≤ ${GOAL_OF_GITHUB}), boomtown / empty ${(ours / Math.max(1, empty)).toFixed(2)} (goal ≤ ${GOAL_OF_EMPTY}); ` +
      `median of each startup's ratios: ${paired('github')} and ${paired('empty')}; ` +
      `each startup, boomtown/github-authentication/empty ms: ${each}${leftOut}`
    );
  }
}

const figuresOf = (sample: Sample) => `${sample.ours}/${sample.github}/${sample.empty}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}
