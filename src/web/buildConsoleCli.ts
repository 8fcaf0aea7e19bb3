#!/usr/bin/env node
import { JsonLogger } from '../adapters/logger/jsonLogger';
import { buildConsole } from './consoleBuild';
import { consoleDirectory } from './consoleDirectory';

/** `npm run build` ends here: the console is built into the image, so a production process only serves it. */
const logger = new JsonLogger('info');
buildConsole(consoleDirectory(), { force: true }).then(
  (outcome) => logger.info('console', outcome),
  (error: unknown) => {
    logger.error('console build failed', { error });
    process.exit(1);
  },
);
