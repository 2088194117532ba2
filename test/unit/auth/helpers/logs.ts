import { type LogLevel, RedactingLogger } from '../../../../src/core/shared/logger';

/** A RedactingLogger that keeps its lines, for asserting what was (and was not) logged. */
export function collectingLogger(): { logger: RedactingLogger; lines: Array<{ level: LogLevel; line: string }>; text(): string } {
  const lines: Array<{ level: LogLevel; line: string }> = [];
  const logger = new RedactingLogger((level, line) => lines.push({ level, line }));
  return { logger, lines, text: () => lines.map((l) => `${l.level} ${l.line}`).join('\n') };
}
