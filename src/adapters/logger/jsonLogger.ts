import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { LogFields, Logger } from '../../ports/logger';
import { plainFields } from './logFields';
import { TurnBatchedStdout } from './turnBatchedStdout';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

type Method = Exclude<LogLevel, 'silent'>;

/** The Logger port on a pino instance; children are pino children, their fields serialised once. */
class PinoLogger implements Logger {
  constructor(protected readonly pino: Pino) {}

  debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  child(fields: LogFields): Logger {
    return new PinoLogger(this.pino.child(plainFields(fields)));
  }

  private log(level: Method, message: string, fields?: LogFields): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // msg goes in the object, not as pino's message argument, so that it comes before the fields
    // (pino writes its message last), as readers of the log such as `"msg":"listening","port":` expect.
    this.pino[level](fields ? { msg: message, ...plainFields(fields) } : { msg: message });
  }
}

/**
 * One JSON object per line on stdout, through pino: `{"level":"info","time":"<ISO>",<child fields>,"msg":…,<fields>}`.
 * Progress bars use stderr so they never mix into the log stream.
 */
/** Every logger of the process writing to stdout shares one batch, and so one exit listener. */
let processStdout: TurnBatchedStdout | null = null;
const sharedStdout = () => (processStdout ??= new TurnBatchedStdout());

export class JsonLogger extends PinoLogger {
  constructor(level: LogLevel = 'info', destination: DestinationStream = sharedStdout()) {
    super(
      pino(
        {
          level,
          base: undefined,
          timestamp: pino.stdTimeFunctions.isoTime,
          formatters: { level: (label) => ({ level: label }) },
        },
        destination,
      ),
    );
  }
}
