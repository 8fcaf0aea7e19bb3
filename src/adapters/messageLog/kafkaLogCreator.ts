import type { LogEntry, logCreator } from 'kafkajs';
import { logLevel } from 'kafkajs';
import type { LogFields, Logger } from '../../ports/logger';

/** Routes kafkajs's own log lines into our Logger, keeping its namespace and structured fields. */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, timestamp: _timestamp, ...rest } = log;
      const fields: LogFields = { kafkajs: namespace, ...(rest as LogFields) };
      const text = String(message);
      switch (level) {
        case logLevel.ERROR:
          logger.error(text, fields);
          break;
        case logLevel.WARN:
          logger.warn(text, fields);
          break;
        case logLevel.INFO:
          logger.info(text, fields);
          break;
        default:
          logger.debug(text, fields);
      }
    };
}
