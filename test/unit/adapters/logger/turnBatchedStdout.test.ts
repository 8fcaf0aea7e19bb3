import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TurnBatchedStdout } from '../../../../src/adapters/logger/turnBatchedStdout';

const ROOT = join(__dirname, '../../../..');

describe('TurnBatchedStdout', () => {
  const opened: TurnBatchedStdout[] = [];
  const open = (out: (text: string) => void) => {
    const destination = new TurnBatchedStdout(out);
    opened.push(destination);
    return destination;
  };
  afterEach(() => opened.splice(0).forEach((destination) => destination.close()));

  it('writes the lines of one turn of the event loop together, in order, on the next turn', async () => {
    const writes: string[] = [];
    const destination = open((text) => writes.push(text));
    destination.write('a\n');
    destination.write('b\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    destination.write('c\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it.each([
    ['process.exit()', 'process.exit(3)', 3],
    ['an uncaught exception', 'throw new Error("crash")', 1],
  ])('writes what is pending to stdout when the process ends by %s', (_how, ending, code) => {
    const script = `
      const { JsonLogger } = require('./src/adapters/logger/jsonLogger');
      const logger = new JsonLogger('info');
      setTimeout(() => { logger.info('first'); logger.error('last words', { n: 1 }); ${ending}; }, 10);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(code);
    const messages = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(['first', 'last words']);
  });

  it('writes nothing when nothing was logged', () => {
    const writes: string[] = [];
    open((text) => writes.push(text)).flush();
    expect(writes).toEqual([]);
  });
});
