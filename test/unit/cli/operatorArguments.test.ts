import { parseVerifyArguments } from '../../../src/cli/auditCommand';
import { parseReplayArguments } from '../../../src/cli/replayCommand';

describe('filora audit verify arguments', () => {
  it('walks the whole log, or the one stream named', () => {
    expect(parseVerifyArguments(['verify'])).toEqual({ stream: null });
    expect(parseVerifyArguments(['verify', '--stream', 'file-1'])).toEqual({ stream: 'file-1' });
    expect(parseVerifyArguments(['verify', '--stream=file-1'])).toEqual({ stream: 'file-1' });
  });

  it.each([[[]], [['check']], [['verify', '--stream']], [['verify', '--stream', '']], [['verify', '--all']], [['verify', 'extra']]])(
    'refuses %j',
    (args) => expect(parseVerifyArguments(args)).toBeNull(),
  );
});

describe('filora replay arguments', () => {
  it('reads everything as NDJSON when given nothing', () => {
    expect(parseReplayArguments([])).toEqual({ filter: {}, format: 'ndjson' });
  });

  it('takes a time window, types (repeated or comma separated), a stream and a format', () => {
    expect(
      parseReplayArguments([
        '--since',
        '2026-05-01T00:00:00+02:00',
        '--until=2026-05-02T00:00:00Z',
        '--type',
        'FileRenamed, file.deleted',
        '--type',
        'FileShared',
        '--stream',
        'file-1',
        '--format',
        'table',
      ]),
    ).toEqual({
      filter: {
        since: new Date('2026-04-30T22:00:00Z'),
        until: new Date('2026-05-02T00:00:00Z'),
        types: ['FileRenamed', 'file.deleted', 'FileShared'],
        stream: 'file-1',
      },
      format: 'table',
    });
  });

  it.each([
    [['--since', 'yesterday'], /^--since: /],
    [['--until', '2026-01-01T00:00:00'], /^--until: /],
    [['--since', '2026-02-01T00:00:00Z', '--until', '2026-01-01T00:00:00Z'], /^--until: until is before since$/],
    [['--format', 'xml'], /^--format: /],
    [['--type', ','], /^--type: name at least one type$/],
    [['--stream', ''], /^--stream: name a stream$/],
    [['--since'], /--since/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('names what is wrong with %j', (args, reason) => {
    expect(parseReplayArguments(args)).toMatch(reason);
  });
});
