import type { Logger } from '../ports/logger';

/** Runs clean-up that must not hide the error being handled, or fail a change already recorded; failures are logged. */
export async function bestEffort(
  logger: Logger,
  what: string,
  fn: () => Promise<unknown>,
  fields: Record<string, unknown> = {},
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    logger.warn(`could not ${what}`, { ...fields, error });
  }
}
