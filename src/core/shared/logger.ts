import { Redactor } from './redact';

/** The logging port of core code. The vscode layer backs it with a LogOutputChannel. */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Something that writes already-redacted lines (an output channel, an array in tests). */
type LogSink = (level: LogLevel, line: string) => void;

/** Formats arguments, redacts the whole line, then hands it to the sink. Every log line goes through here. */
export class RedactingLogger implements Logger {
  constructor(
    private readonly sink: LogSink,
    readonly redactor: Redactor = new Redactor(),
  ) {}

  trace(message: string, ...args: unknown[]): void {
    this.write('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.write('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.write('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.write('warn', message, args);
  }
  error(message: string | Error, ...args: unknown[]): void {
    this.write('error', typeof message === 'string' ? message : describe(message), args);
  }

  private write(level: LogLevel, message: string, args: unknown[]): void {
    const text = args.length ? `${message} ${args.map(describe).join(' ')}` : message;
    this.sink(level, this.redactor.redact(text));
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) {
    const reason = (value as { reason?: string }).reason;
    return reason ? `${value.name}(${reason}): ${value.message}` : `${value.name}: ${value.message}`;
  }
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** A logger that drops everything, for code paths that were given none. */
export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};
