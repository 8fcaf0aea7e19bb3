import { JsonLogger, type LogLevel } from '../../../../src/adapters/logger/jsonLogger';

function capture(level: LogLevel = 'info') {
  const lines: string[] = [];
  const logger = new JsonLogger(level, { write: (line: string) => void lines.push(line) });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with time, level, msg and the fields', () => {
    const { logger, lines, entries } = capture();
    logger.info('listening', { port: 8000, profile: 'embedded' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\n$/);
    expect(lines[0]).toContain('"msg":"listening","port":8000');
    const [entry] = entries();
    expect(entry).toEqual({ level: 'info', time: expect.any(String), msg: 'listening', port: 8000, profile: 'embedded' });
    expect(new Date(entry?.time as string).toISOString()).toBe(entry?.time);
  });

  it('labels each level and leaves out those below its own', () => {
    const { logger, entries } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(entries().map((entry) => [entry.level, entry.msg])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
    ]);
  });

  it('writes debug lines at level debug, and nothing at all when silent', () => {
    const debug = capture('debug');
    debug.logger.debug('d');
    expect(debug.entries()).toEqual([expect.objectContaining({ level: 'debug', msg: 'd' })]);
    const silent = capture('silent');
    silent.logger.error('e', { error: new Error('boom') });
    expect(silent.lines).toEqual([]);
  });

  it('gives a child its fields on every line, and lets the line add more', () => {
    const { logger, entries } = capture();
    const child = logger.child({ component: 'http' }).child({ requestId: 'r1' });
    child.info('request', { status: 200 });
    logger.info('plain');
    expect(entries()).toEqual([
      { level: 'info', time: expect.any(String), component: 'http', requestId: 'r1', msg: 'request', status: 200 },
      { level: 'info', time: expect.any(String), msg: 'plain' },
    ]);
  });

  it('serialises errors as name, message and stack, and bigints as strings, nested ones too', () => {
    const { logger, entries } = capture();
    const error = new TypeError('bad');
    logger.error('failed', { error, position: 12345678901234567890n, at: { commit: 5n, causes: [new Error('inner')] } });
    expect(entries()[0]).toMatchObject({
      msg: 'failed',
      error: { name: 'TypeError', message: 'bad', stack: error.stack },
      position: '12345678901234567890',
      at: { commit: '5', causes: [{ name: 'Error', message: 'inner' }] },
    });
  });

  it('leaves the caller’s fields object unchanged', () => {
    const { logger } = capture();
    const fields = { error: new Error('x'), n: 1n };
    logger.warn('w', fields);
    expect(fields.error).toBeInstanceOf(Error);
    expect(fields.n).toBe(1n);
  });
});
