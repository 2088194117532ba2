import { ACTIVATION_RATIO_LABEL } from '../bridgeProtocol';

/**
 * The activation-cost ratios the tests log, one per window startup (test/integration/helpers/
 * activationCost.ts). One startup is one sample, and on a loaded machine samples swing by two or
 * three times either way; the median over every startup of the rig run is the figure to read.
 */
export class StartupFigures {
  private readonly ratios: Array<{ ratio: number; run: string }> = [];
  private readonly pattern = new RegExp(`\\[figure\\] ${ACTIVATION_RATIO_LABEL.replace(/[/]/g, '\\/')}: (\\d+(?:\\.\\d+)?)`);

  /** Keeps the ratio if `line` is a ratio line. */
  note(line: string, run: string): void {
    const match = this.pattern.exec(line);
    if (match) this.ratios.push({ ratio: Number(match[1]), run });
  }

  /** The closing figure, or undefined when no test logged a ratio (a grep that left them out). */
  summary(): string | undefined {
    if (this.ratios.length === 0) return undefined;
    const sorted = this.ratios.map(({ ratio }) => ratio).sort((a, b) => a - b);
    const middle = sorted.length / 2;
    const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
    const each = this.ratios.map(({ ratio, run }) => `${ratio.toFixed(2)} ${run}`).join('; ');
    return `[figure] ${ACTIVATION_RATIO_LABEL}, median of the ${sorted.length} startups of this rig run: ${median.toFixed(2)} (goal ≤ 0.33; ${each})`;
  }
}
