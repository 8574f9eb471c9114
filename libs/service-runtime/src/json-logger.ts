import { LoggerService } from '@nestjs/common';
import { maskIdentifiers } from '@idcard/contracts';
import { activeTraceIds } from '@idcard/tracing';

// A last line of defence: logs are written with masked identifiers, and anything that slips through is masked here.
export { maskIdentifiers };

/** Nest's start-up chatter (one line per module, route and provider): noise to an operator, kept at debug. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication', 'NestMicroservice']);

/**
 * Structured logs: one JSON object a line with time, level, service, province and context. Objects logged by
 * the code (`{ event: 'application.submitted', receipt }`) are merged in; strings become `message`.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly fields: Record<string, string>,
    private readonly levels: Set<string> = new Set(['log', 'warn', 'error']),
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  private emit(level: string, message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'log' && context && BOOT_CONTEXTS.has(context)) level = 'debug';
    if (!this.levels.has(level)) return;
    const body =
      typeof message === 'object' && message !== null && !(message instanceof Error)
        ? message
        : { message: message instanceof Error ? message.message : String(message) };
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      ...this.fields,
      // The trace and span the line was written in (none when tracing is off): the operator jumps from a line to its trace.
      ...activeTraceIds(),
      context,
      ...body,
      ...(rest.length && level === 'error' ? { stack: rest[0] } : {}),
    });
    this.write(maskIdentifiers(line));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }
}
