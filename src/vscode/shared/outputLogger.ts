import * as vscode from 'vscode';
import { RedactingLogger, type LogLevel } from '../../core/shared/logger';
import { OUTPUT_CHANNEL_NAME } from '../../constants';

/** The BoomTown log: a LogOutputChannel (the user picks the level) behind the core Logger, every line redacted first. */
export function createOutputLogger(): { logger: RedactingLogger; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const write: Record<LogLevel, (line: string) => void> = {
    trace: (line) => channel.trace(line),
    debug: (line) => channel.debug(line),
    info: (line) => channel.info(line),
    warn: (line) => channel.warn(line),
    error: (line) => channel.error(line),
  };
  return { logger: new RedactingLogger((level, line) => write[level](line)), channel };
}
