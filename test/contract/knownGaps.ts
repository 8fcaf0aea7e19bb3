import { execFileSync } from 'node:child_process';

/**
 * Known gaps of a stand-in test server: behaviour a contract suite asserts that the real server has and the
 * stand-in lacks. Each id is the numbered item of docs/mongo-stand-in.md that explains it.
 */
const GAPS = {
  'concurrent-updates': { item: 1, reason: 'concurrent updates of one document lose writes' },
  'unnamed-duplicate-index': { item: 2, reason: 'E11000 does not name the index' },
  'unique-violation-not-e11000': { item: 3, reason: 'a unique violation from an update or an index build is not E11000' },
  'no-partial-index': { item: 4, reason: 'no partialFilterExpression' },
  'pull-condition': { item: 5, reason: '$pull with a condition removes nothing' },
  'nested-arrays': { item: 6, reason: 'no arrays inside arrays' },
  'no-transactions': { item: 7, reason: 'no transactions' },
  'no-change-streams': { item: 8, reason: 'no change streams' },
  'no-ttl-index': { item: 9, reason: 'no TTL indexes' },
  'not-implemented': { item: 10, reason: '$lookup, $expr, collation, validators and Decimal128 are missing' },
} as const satisfies Record<string, { item: number; reason: string }>;

export type GapId = keyof typeof GAPS;
export type KnownGaps = ReadonlySet<GapId>;
export const NO_GAPS: KnownGaps = new Set();

/**
 * The gaps of the MongoDB-compatible server at `url`, from its `buildInfo` reply: FerretDB v1 reports
 * `ferretdbVersion` and has every documented gap; any other server is taken to be MongoDB and has none.
 * Asked synchronously, in a child process, because jest registers tests before any hook can await.
 */
export function mongoKnownGaps(url: string): KnownGaps {
  const probe = `
    const { MongoClient } = require(process.argv[1]);
    const client = new MongoClient(process.argv[2], { serverSelectionTimeoutMS: 10000 });
    client.db('admin').command({ buildInfo: 1 })
      .then((reply) => process.stdout.write(String(reply.ferretdbVersion ?? '')))
      .finally(() => client.close());`;
  let ferretdbVersion: string;
  try {
    ferretdbVersion = execFileSync(process.execPath, ['-e', probe, require.resolve('mongodb'), url], { encoding: 'utf8', timeout: 20000 });
  } catch (error) {
    throw new Error(`could not ask ${url} for buildInfo: ${(error as Error).message}`);
  }
  return ferretdbVersion.startsWith('v1.') ? new Set(Object.keys(GAPS) as GapId[]) : NO_GAPS;
}

export type ItUnlessGap = (gaps: GapId | readonly GapId[], name: string, fn: jest.ProvidesCallback, timeout?: number) => void;

/**
 * `it` for a test that depends on behaviour some stand-in lacks: on a server with one of `gaps` it is
 * registered as skipped, its name carrying the gaps and why; everywhere else it runs as written.
 */
export function itUnlessGapOn(knownGaps: KnownGaps): ItUnlessGap {
  return (gaps, name, fn, timeout) => {
    const present = [gaps].flat().filter((gap) => knownGaps.has(gap));
    if (present.length === 0) {
      it(name, fn, timeout);
      return;
    }
    const why = present.map((gap) => `#${GAPS[gap].item} ${gap}: ${GAPS[gap].reason}`).join('; ');
    it.skip(`${name} [stand-in gap ${why}]`, fn);
  };
}
