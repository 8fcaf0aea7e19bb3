import { DuplicateKeyError } from '../../src/ports/errors';
import type { Document, Filter, FindOptions, ReadStore, Scalar, SortDirection, Update } from '../../src/ports/readStore';
import { itUnlessGapOn, NO_GAPS } from './knownGaps';
import type { KnownGaps } from './knownGaps';

export interface ReadStoreHarness {
  store: ReadStore;
  /** Whether `transaction(fn)` is atomic here (MongoDB without a replica set runs fn without a transaction). */
  atomicTransactions: boolean;
  /** Closes the store and removes whatever the factory created for it. */
  dispose(): Promise<void>;
}

type Sort = NonNullable<FindOptions['sort']>;

/** The filter fixture: mixed types, nulls, missing fields, nested objects, an array and awkward text. */
const PEOPLE: Document[] = [
  { _id: 'p1', name: 'Ada', age: 36, score: 9.5, active: true, city: null, address: { city: 'London', zip: 'N1' }, tags: ['math', 'code'] },
  { _id: 'p2', name: 'alan', age: 41, score: 7, active: false, address: { city: 'Wilmslow' } },
  { _id: 'p3', name: 'Grace', age: 85, active: true, address: { city: 'New York', zip: '10001' }, note: '100% real_deal.*' },
  { _id: 'p4', name: 'Édith', age: '36', score: null, address: null, note: 'ÜBER cool' },
  { _id: 'p5', name: 'Zed', age: 0, active: 1, note: 'a.b*c' },
];

/** The pagination fixture: 23 documents with many ties, nulls and missing fields, inserted out of order. */
const ROWS: Document[] = Array.from({ length: 23 }, (_, i) => {
  const row: Document = { _id: `r${String((i * 7) % 23).padStart(2, '0')}`, rank: i % 4, meta: { size: (i * 5) % 6 } };
  if (i % 5 !== 0) row.group = ['b', 'a', 'c'][i % 3];
  if (i % 7 === 3) row.group = null;
  return row;
});

const SORTS: Sort[] = [
  [['rank', 1]],
  [['rank', -1]],
  [
    ['group', 1],
    ['rank', -1],
  ],
  [
    ['group', -1],
    ['meta.size', 1],
  ],
  [
    ['meta.size', -1],
    ['group', 1],
    ['rank', 1],
  ],
  [['_id', -1]],
];

/** The order MongoDB defines for same-typed scalars: null and missing first, then by value, `_id` last. */
function expectedOrder(docs: Document[], sort: Sort): string[] {
  const keys: Sort = sort.some(([path]) => path === '_id') ? sort : [...sort, ['_id', 1]];
  const valueAt = (doc: Document, path: string): Scalar => {
    const value = path.split('.').reduce<unknown>((current, segment) => (current as Record<string, unknown> | undefined)?.[segment], doc);
    return (value ?? null) as Scalar;
  };
  const compare = (a: Scalar, b: Scalar): number => {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
  };
  return [...docs]
    .sort((a, b) => {
      for (const [path, direction] of keys) {
        const order = compare(valueAt(a, path), valueAt(b, path)) * direction;
        if (order !== 0) return order;
      }
      return 0;
    })
    .map((doc) => doc._id);
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/**
 * The behaviour every ReadStore adapter shares; `open` gives a harness on a fresh, empty store.
 * `knownGaps` names what the server lacks (see knownGaps.ts); the tests that need it are skipped there.
 */
export function describeReadStoreContract(
  adapterName: string,
  open: () => Promise<ReadStoreHarness>,
  knownGaps: KnownGaps = NO_GAPS,
): void {
  const itUnlessGap = itUnlessGapOn(knownGaps);
  describe(`ReadStore contract: ${adapterName}`, () => {
    let harness: ReadStoreHarness;
    let store: ReadStore;
    let collection: string;
    let collections = 0;

    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(async () => {
      await harness?.dispose();
    });
    beforeEach(() => {
      collections += 1;
      collection = `c${collections}`;
    });

    const ids = async (name: string, filter: Filter, options?: FindOptions): Promise<string[]> =>
      (await store.find(name, filter, options)).map((doc) => doc._id);

    describe('documents', () => {
      it('get answers null for a missing document, even in a collection never written', async () => {
        expect(await store.get(collection, 'nope')).toBeNull();
        await store.upsert(collection, { _id: 'a' });
        expect(await store.get(collection, 'nope')).toBeNull();
      });

      itUnlessGap('nested-arrays', 'upsert creates a document and get returns exactly what was stored', async () => {
        const doc = {
          _id: 'doc-1',
          name: 'Ünïcødé ✓',
          size: 1024,
          ratio: 0.25,
          flags: { hidden: false, starred: true },
          nothing: null,
          list: [1, 'two', { three: 3 }, [4]],
          empty: { inner: {}, list: [] },
        };
        await store.upsert(collection, doc);
        expect(await store.get(collection, 'doc-1')).toEqual(doc);
        expect(await store.find(collection, {})).toEqual([doc]);
      });

      it('upsert replaces the whole document', async () => {
        await store.upsert(collection, { _id: 'a', keep: 1, drop: 2 });
        await store.upsert(collection, { _id: 'a', keep: 3 });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', keep: 3 });
        expect(await store.count(collection, {})).toBe(1);
      });

      it('insert creates a document only when none has its _id, and tells which', async () => {
        expect(await store.insert(collection, { _id: 'a', n: 1 })).toBe(true);
        expect(await store.insert(collection, { _id: 'a', n: 2 })).toBe(false);
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', n: 1 });
        await expect(store.insert(collection, { n: 3 } as unknown as Document)).rejects.toThrow(/_id/);
      });

      it('insert lets exactly one of racing inserts of one _id win', async () => {
        const outcomes = await Promise.all(Array.from({ length: 8 }, (_, n) => store.insert(collection, { _id: 'lock', n })));
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        expect(await store.get(collection, 'lock')).toEqual({ _id: 'lock', n: outcomes.indexOf(true) });
      });

      itUnlessGap(
        ['no-partial-index', 'unique-violation-not-e11000'],
        'insert refuses a duplicate of a secondary unique index as upsert does',
        async () => {
          await store.ensureIndex(collection, { fields: [['email', 1]], unique: true });
          expect(await store.insert(collection, { _id: 'a', email: 'x' })).toBe(true);
          await expect(store.insert(collection, { _id: 'b', email: 'x' })).rejects.toThrow(DuplicateKeyError);
        },
      );

      it('stores documents as JSON: undefined fields are left out', async () => {
        await store.upsert(collection, { _id: 'a', gone: undefined, kept: 1 });
        const stored = await store.get(collection, 'a');
        expect(stored).toEqual({ _id: 'a', kept: 1 });
        expect(Object.keys(stored ?? {})).not.toContain('gone');
      });

      it('returns copies: changing a returned document does not change the store', async () => {
        await store.upsert(collection, { _id: 'a', nested: { n: 1 } });
        const first = await store.get<Document & { nested: { n: number } }>(collection, 'a');
        if (first === null) throw new Error('document missing');
        first.nested.n = 99;
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', nested: { n: 1 } });
      });

      it('keeps collections apart', async () => {
        await store.upsert(collection, { _id: 'same', from: 'one' });
        await store.upsert(`${collection}_other`, { _id: 'same', from: 'two' });
        expect(await store.get(collection, 'same')).toEqual({ _id: 'same', from: 'one' });
        expect(await store.get(`${collection}_other`, 'same')).toEqual({ _id: 'same', from: 'two' });
      });

      it('rejects a document without a string _id', async () => {
        await expect(store.upsert(collection, { name: 'x' } as unknown as Document)).rejects.toThrow(/_id/);
        await expect(store.upsert(collection, { _id: 7 } as unknown as Document)).rejects.toThrow(/_id/);
      });

      it('rejects invalid collection names', async () => {
        for (const name of ['Files', '1files', 'my-files', 'files; drop', '', 'files.x']) {
          await expect(store.get(name, 'a')).rejects.toThrow(/collection name/);
        }
      });

      it('delete removes a document and tells whether there was one', async () => {
        await store.upsert(collection, { _id: 'a' });
        await store.upsert(collection, { _id: 'b' });
        expect(await store.delete(collection, 'a')).toBe(true);
        expect(await store.delete(collection, 'a')).toBe(false);
        expect(await store.get(collection, 'a')).toBeNull();
        expect(await ids(collection, {})).toEqual(['b']);
      });

      it('delete with `where` removes a document only while it matches the filter', async () => {
        await store.upsert(collection, { _id: 'a', expires_at: 10, owner: 'x' });
        expect(await store.delete(collection, 'a', { where: { expires_at: { $lte: 9 } } })).toBe(false);
        expect(await store.delete(collection, 'a', { where: { expires_at: { $lte: 10 }, owner: 'y' } })).toBe(false);
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', expires_at: 10, owner: 'x' });
        expect(await store.delete(collection, 'a', { where: { expires_at: { $lte: 10 }, owner: 'x' } })).toBe(true);
        expect(await store.get(collection, 'a')).toBeNull();
        expect(await store.delete(collection, 'a', { where: {} })).toBe(false);
        await expect(store.delete(collection, 'a', { where: { $or: [] } as unknown as Filter })).rejects.toThrow(/operator/);
      });

      it('delete with `where` and a position needs both', async () => {
        await store.upsert(collection, { _id: 'a', n: 1 }, { position: '0005' });
        expect(await store.delete(collection, 'a', { position: '0006', where: { n: 2 } })).toBe(false);
        expect(await store.delete(collection, 'a', { position: '0005', where: { n: 1 } })).toBe(false);
        expect(await store.delete(collection, 'a', { position: '0006', where: { n: 1 } })).toBe(true);
        expect(await store.get(collection, 'a')).toBeNull();
      });
    });

    describe('filters', () => {
      const people = 'people';
      beforeAll(async () => {
        for (const person of PEOPLE) await store.upsert(people, person);
      });

      const cases: Array<[string, Filter, string[]]> = [
        ['an empty filter matches everything', {}, ['p1', 'p2', 'p3', 'p4', 'p5']],
        ['equality on a string', { name: 'Ada' }, ['p1']],
        ['equality is case-sensitive', { name: 'ada' }, []],
        ['equality on a number does not match its string form', { age: 36 }, ['p1']],
        ['equality on a string does not match its number form', { age: '36' }, ['p4']],
        ['equality on a real number', { score: 9.5 }, ['p1']],
        ['equality on 0 does not match false, null or missing', { age: 0 }, ['p5']],
        ['true does not match 1', { active: true }, ['p1', 'p3']],
        ['1 does not match true', { active: 1 }, ['p5']],
        ['false matches only false', { active: false }, ['p2']],
        ['$eq is the same as a plain value', { name: { $eq: 'Ada' } }, ['p1']],
        ['null matches null and missing', { score: null }, ['p3', 'p4', 'p5']],
        ['$eq null matches null and missing, not objects', { address: { $eq: null } }, ['p4', 'p5']],
        ['$ne matches other values, other types and missing fields', { active: { $ne: true } }, ['p2', 'p4', 'p5']],
        ['$ne on a number keeps its string form', { age: { $ne: 36 } }, ['p2', 'p3', 'p4', 'p5']],
        ['$ne null matches present, non-null values', { score: { $ne: null } }, ['p1', 'p2']],
        ['$in matches any listed value of the same type', { age: { $in: [36, 85] } }, ['p1', 'p3']],
        ['$in mixes types', { age: { $in: ['36', 0] } }, ['p4', 'p5']],
        ['$in with null matches null and missing', { score: { $in: [null, 7] } }, ['p2', 'p3', 'p4', 'p5']],
        ['$in with booleans', { active: { $in: [true] } }, ['p1', 'p3']],
        ['$in [] matches nothing', { name: { $in: [] } }, []],
        ['$nin matches unlisted values and missing fields', { age: { $nin: [36, 85] } }, ['p2', 'p4', 'p5']],
        ['$nin with null matches present, non-null values', { score: { $nin: [null] } }, ['p1', 'p2']],
        ['$nin with booleans', { active: { $nin: [false, true] } }, ['p4', 'p5']],
        ['$nin [] matches everything', { name: { $nin: [] } }, ['p1', 'p2', 'p3', 'p4', 'p5']],
        ['$gt on numbers skips strings and missing', { age: { $gt: 36 } }, ['p2', 'p3']],
        ['$gte on numbers', { age: { $gte: 36 } }, ['p1', 'p2', 'p3']],
        ['$lt on numbers', { age: { $lt: 36 } }, ['p5']],
        ['$lte on numbers', { age: { $lte: 36 } }, ['p1', 'p5']],
        ['ranges compare integers with reals', { age: { $gt: 36.5 } }, ['p2', 'p3']],
        ['a range never matches null or missing', { score: { $gte: 7 } }, ['p1', 'p2']],
        ['two operators on one field are ANDed', { score: { $gt: 7, $lt: 10 } }, ['p1']],
        ['string ranges compare by code point (upper case first)', { name: { $gt: 'Zed' } }, ['p2', 'p4']],
        ['$lt on strings', { name: { $lt: 'B' } }, ['p1']],
        ['string ranges skip numbers', { age: { $lt: '4' } }, ['p4']],
        ['$gte and $lte on strings', { name: { $gte: 'Grace', $lte: 'Zed' } }, ['p3', 'p5']],
        ['$exists true counts null values', { score: { $exists: true } }, ['p1', 'p2', 'p4']],
        ['$exists false', { score: { $exists: false } }, ['p3', 'p5']],
        ['$exists on a nested field', { 'address.zip': { $exists: true } }, ['p1', 'p3']],
        ['$exists false on a nested field under null or missing parents', { 'address.zip': { $exists: false } }, ['p2', 'p4', 'p5']],
        ['equality on a dotted path', { 'address.city': 'London' }, ['p1']],
        ['a range on a dotted path', { 'address.city': { $gte: 'N' } }, ['p2', 'p3']],
        ['null on a dotted path matches missing parents', { 'address.city': null }, ['p4', 'p5']],
        ['$ne on a dotted path', { 'address.zip': { $ne: 'N1' } }, ['p2', 'p3', 'p4', 'p5']],
        ['fields are ANDed', { active: true, age: { $gt: 40 } }, ['p3']],
        ['$prefix ignores case', { name: { $prefix: 'a' } }, ['p1', 'p2']],
        ['$prefix with upper case', { name: { $prefix: 'AL' } }, ['p2']],
        ['$contains ignores case', { name: { $contains: 'A' } }, ['p1', 'p2', 'p3']],
        ['$contains ignores case beyond ASCII', { name: { $contains: 'éD' } }, ['p4']],
        ['$contains folds ÜBER to über', { note: { $contains: 'über' } }, ['p4']],
        ['% is literal', { note: { $contains: '%' } }, ['p3']],
        ['_ is literal', { name: { $contains: 'a_a' } }, []],
        ['_ matches itself', { note: { $contains: 'l_d' } }, ['p3']],
        ['. is literal', { note: { $contains: '.' } }, ['p3', 'p5']],
        ['.* is literal', { note: { $contains: '.*' } }, ['p3']],
        ['* is literal', { note: { $contains: 'b*c' } }, ['p5']],
        ['a lone * is literal', { note: { $contains: '*' } }, ['p3', 'p5']],
        ['$prefix with %', { note: { $prefix: '100%' } }, ['p3']],
        ['$prefix % is not a wildcard', { note: { $prefix: '%' } }, []],
        ['$prefix . is not a wildcard', { note: { $prefix: '.' } }, []],
        ['text operators only match strings', { age: { $prefix: '3' } }, ['p4']],
        ['an empty $prefix matches every string', { note: { $prefix: '' } }, ['p3', 'p4', 'p5']],
        ['an array field equals no element', { tags: 'math' }, []],
        ['an array field satisfies $ne', { tags: { $ne: 'math' } }, ['p1', 'p2', 'p3', 'p4', 'p5']],
        ['an array field is not $in', { tags: { $in: ['math'] } }, []],
        ['an array field satisfies $nin', { tags: { $nin: ['math'] } }, ['p1', 'p2', 'p3', 'p4', 'p5']],
        ['an array field is in no range', { tags: { $gt: 'a' } }, []],
        ['text operators skip array fields', { tags: { $contains: 'math' } }, []],
        ['$exists sees an array field', { tags: { $exists: true } }, ['p1']],
        ['an object field satisfies $ne', { address: { $ne: 'London' } }, ['p1', 'p2', 'p3', 'p4', 'p5']],
        ['_id equality', { _id: 'p2' }, ['p2']],
        ['_id $in', { _id: { $in: ['p1', 'p9'] } }, ['p1']],
        ['_id range', { _id: { $gt: 'p3' } }, ['p4', 'p5']],
        ['_id $ne', { _id: { $ne: 'p1' } }, ['p2', 'p3', 'p4', 'p5']],
        ['_id $prefix ignores case', { _id: { $prefix: 'P' } }, ['p1', 'p2', 'p3', 'p4', 'p5']],
      ];

      it.each(cases)('%s', async (_name, filter, expected) => {
        expect(await ids(people, filter)).toEqual(expected);
        expect(await store.count(people, filter)).toBe(expected.length);
      });

      const unsupported: Array<[string, unknown]> = [
        ['$or', { $or: [{ name: 'Ada' }] }],
        ['$and', { $and: [{ name: 'Ada' }] }],
        ['$where', { $where: 'true' }],
        ['$regex', { name: { $regex: '^A' } }],
        ['$not', { name: { $not: { $eq: 'Ada' } } }],
        ['$elemMatch', { tags: { $elemMatch: { $eq: 'math' } } }],
        ['$size', { tags: { $size: 2 } }],
        ['an operator without $', { name: { eq: 'Ada' } }],
        ['an object value without operators', { address: {} }],
        ['an array value', { tags: ['math', 'code'] }],
        ['a Date value', { name: new Date(0) }],
        ['a non-finite number', { age: Number.NaN }],
        ['$in with a non-array', { name: { $in: 'Ada' } }],
        ['$in with an object', { name: { $in: [{ a: 1 }] } }],
        ['$gt with a boolean', { active: { $gt: false } }],
        ['$gt with null', { score: { $gt: null } }],
        ['$exists with a number', { score: { $exists: 1 } }],
        ['$prefix with a number', { name: { $prefix: 1 } }],
        ['an array-index path', { 'tags.0': 'math' }],
        ['an empty path segment', { 'address..city': 'London' }],
        ['a path with spaces', { 'my field': 1 }],
      ];

      it.each(unsupported)('rejects %s', async (_name, filter) => {
        await expect(store.find(people, filter as Filter)).rejects.toThrow(/unsupported|needs|invalid|no operator/);
        await expect(store.count(people, filter as Filter)).rejects.toThrow(/unsupported|needs|invalid|no operator/);
      });
    });

    describe('sorting and pagination', () => {
      const rows = 'rows';
      beforeAll(async () => {
        for (const row of ROWS) await store.upsert(rows, row);
      });

      it('sorts by _id when no sort is given', async () => {
        expect(await ids(rows, {})).toEqual(ROWS.map((row) => row._id).sort());
      });

      it.each(SORTS.map((sort) => [JSON.stringify(sort), sort] as const))(
        'sorts by %s with _id as the final tie-breaker',
        async (_name, sort) => {
          expect(await ids(rows, {}, { sort })).toEqual(expectedOrder(ROWS, sort));
        },
      );

      it('puts null and missing first ascending and last descending', async () => {
        await store.upsert(collection, { _id: 'missing' });
        await store.upsert(collection, { _id: 'null', v: null });
        await store.upsert(collection, { _id: 'one', v: 1 });
        await store.upsert(collection, { _id: 'two', v: 2 });
        expect(await ids(collection, {}, { sort: [['v', 1]] })).toEqual(['missing', 'null', 'one', 'two']);
        expect(await ids(collection, {}, { sort: [['v', -1]] })).toEqual(['two', 'one', 'missing', 'null']);
      });

      it('sorts strings by code point', async () => {
        for (const [id, name] of [
          ['1', 'b'],
          ['2', 'B'],
          ['3', 'a'],
          ['4', 'É'],
          ['5', 'A'],
        ] as const)
          await store.upsert(collection, { _id: id, name });
        expect(await ids(collection, {}, { sort: [['name', 1]] })).toEqual(['5', '2', '3', '1', '4']);
      });

      it('limits the result after sorting and filtering', async () => {
        const sort: Sort = [
          ['group', -1],
          ['meta.size', 1],
        ];
        const filter: Filter = { rank: { $gte: 1 } };
        const all = expectedOrder(
          ROWS.filter((row) => (row.rank as number) >= 1),
          sort,
        );
        expect(await ids(rows, filter, { sort, limit: 5 })).toEqual(all.slice(0, 5));
        expect(await ids(rows, filter, { sort, limit: 1000 })).toEqual(all);
      });

      it.each(SORTS.flatMap((sort) => [4, 5].map((pageSize) => [JSON.stringify(sort), pageSize, sort] as const)))(
        'pages through everything by %s in pages of %i, each document once and in order',
        async (_name, pageSize, sort) => {
          const seen: string[] = [];
          let after: Document | undefined;
          for (let page = 0; page < 50; page += 1) {
            const docs = await store.find(rows, {}, { sort, limit: pageSize, ...(after ? { after } : {}) });
            seen.push(...docs.map((doc) => doc._id));
            if (docs.length < pageSize) break;
            after = docs[docs.length - 1];
          }
          expect(seen).toEqual(expectedOrder(ROWS, sort));
        },
      );

      it('pages through a filtered result', async () => {
        const sort: Sort = [
          ['group', 1],
          ['rank', -1],
        ];
        const filter: Filter = { rank: { $ne: 2 }, group: { $ne: 'c' } };
        const first = await store.find(rows, filter, { sort, limit: 3 });
        const rest = await store.find(rows, filter, { sort, after: first[first.length - 1] });
        const expected = expectedOrder(
          ROWS.filter((row) => row.rank !== 2 && row.group !== 'c'),
          sort,
        );
        expect([...first, ...rest].map((doc) => doc._id)).toEqual(expected);
      });

      it('continues after a document that has since changed or gone, from the values given', async () => {
        const sort: Sort = [['rank', 1]];
        const order = expectedOrder(ROWS, sort);
        const after = { _id: order[5] as string, rank: ROWS.find((row) => row._id === order[5])?.rank };
        expect(await ids(rows, {}, { sort, after })).toEqual(order.slice(6));
      });

      it('rejects invalid limits, sort directions and after documents', async () => {
        for (const limit of [0, -1, 1.5]) await expect(store.find(rows, {}, { limit })).rejects.toThrow(/limit/);
        await expect(store.find(rows, {}, { sort: [['rank', 2 as SortDirection]] })).rejects.toThrow(/direction/);
        await expect(store.find(rows, {}, { sort: [['$natural', 1]] })).rejects.toThrow(/invalid field path/);
        await expect(store.find(rows, {}, { after: { rank: 1 } as unknown as Document })).rejects.toThrow(/_id/);
      });
    });

    describe('patch', () => {
      const patched = async (start: Document, update: Update): Promise<Document | null> => {
        await store.upsert(collection, start);
        expect(await store.patch(collection, start._id, update)).toBe(true);
        return store.get(collection, start._id);
      };

      it('$set replaces fields and creates nested objects along a dotted path', async () => {
        expect(
          await patched({ _id: 'a', name: 'old', a: { keep: true } }, { $set: { name: 'new', 'a.b.c': 1, list: [1, { x: 2 }] } }),
        ).toEqual({
          _id: 'a',
          name: 'new',
          a: { keep: true, b: { c: 1 } },
          list: [1, { x: 2 }],
        });
      });

      it('$set refuses to go through a non-object and leaves the document as it was', async () => {
        await store.upsert(collection, { _id: 'a', a: 5, n: 1 });
        await expect(store.patch(collection, 'a', { $set: { n: 2, 'a.b': 1 } })).rejects.toThrow();
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', a: 5, n: 1 });
      });

      it('$unset removes fields, nested ones too, and ignores missing ones', async () => {
        expect(
          await patched(
            { _id: 'a', name: 'x', a: { keep: 1, drop: 2 }, other: 3 },
            { $unset: ['name', 'a.drop', 'missing', 'nope.deeper', 'other.deeper'] },
          ),
        ).toEqual({
          _id: 'a',
          a: { keep: 1 },
          other: 3,
        });
      });

      it('$inc adds to numbers, counting a missing field as 0', async () => {
        expect(await patched({ _id: 'a', n: 1, f: 1 }, { $inc: { n: 2, f: -0.5, 'stats.views': 1 } })).toEqual({
          _id: 'a',
          n: 3,
          f: 0.5,
          stats: { views: 1 },
        });
      });

      it('$inc refuses a non-numeric field', async () => {
        await store.upsert(collection, { _id: 'a', n: '1', z: null });
        await expect(store.patch(collection, 'a', { $inc: { n: 1 } })).rejects.toThrow();
        await expect(store.patch(collection, 'a', { $inc: { z: 1 } })).rejects.toThrow();
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', n: '1', z: null });
      });

      itUnlessGap('nested-arrays', '$push appends one element, creating the array, and pushes an array as one element', async () => {
        await store.upsert(collection, { _id: 'a' });
        await store.patch(collection, 'a', { $push: { list: 'x', 'nested.items': { k: 1 } } });
        await store.patch(collection, 'a', { $push: { list: ['y', 'z'] } });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', list: ['x', ['y', 'z']], nested: { items: [{ k: 1 }] } });
      });

      it('$push refuses a non-array field', async () => {
        await store.upsert(collection, { _id: 'a', list: 'x' });
        await expect(store.patch(collection, 'a', { $push: { list: 'y' } })).rejects.toThrow();
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', list: 'x' });
      });

      itUnlessGap('pull-condition', '$pull removes every equal element, comparing objects whole', async () => {
        const grants = [
          { user: 'u1', permission: 'read' },
          { user: 'u2', permission: 'write' },
          { user: 'u1', permission: 'read' },
        ];
        expect(
          await patched(
            { _id: 'a', numbers: [1, 2, 1, 3], grants },
            { $pull: { numbers: 1, grants: { user: 'u1', permission: 'read' }, missing: 'x' } },
          ),
        ).toEqual({ _id: 'a', numbers: [2, 3], grants: [{ user: 'u2', permission: 'write' }] });
        await store.patch(collection, 'a', { $pull: { grants: { user: 'u2' } } });
        expect((await store.get(collection, 'a'))?.grants).toEqual([{ user: 'u2', permission: 'write' }]);
      });

      it('applies several operators at once', async () => {
        expect(
          await patched(
            { _id: 'a', n: 1, tags: ['a', 'b'], old: true },
            { $set: { name: 'x' }, $unset: ['old'], $inc: { n: 1 }, $push: { log: 'patched' }, $pull: { tags: 'a' } },
          ),
        ).toEqual({
          _id: 'a',
          n: 2,
          tags: ['b'],
          name: 'x',
          log: ['patched'],
        });
      });

      it('returns false for a missing document and creates nothing', async () => {
        expect(await store.patch(collection, 'ghost', { $set: { a: 1 } })).toBe(false);
        expect(await store.get(collection, 'ghost')).toBeNull();
        expect(await store.count(collection, {})).toBe(0);
      });

      it('with upsert creates a missing document from its _id', async () => {
        expect(
          await store.patch(
            collection,
            'new',
            { $set: { 'a.b': 1 }, $inc: { n: 5 }, $push: { list: 1 }, $unset: ['x'], $pull: { y: 1 } },
            { upsert: true },
          ),
        ).toBe(true);
        expect(await store.get(collection, 'new')).toEqual({ _id: 'new', a: { b: 1 }, n: 5, list: [1] });
      });

      it('with upsert updates an existing document', async () => {
        await store.upsert(collection, { _id: 'a', n: 1 });
        expect(await store.patch(collection, 'a', { $inc: { n: 1 } }, { upsert: true })).toBe(true);
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', n: 2 });
      });

      it('an empty update finds the document, and with upsert creates it', async () => {
        await store.upsert(collection, { _id: 'a', n: 1 });
        expect(await store.patch(collection, 'a', {})).toBe(true);
        expect(await store.patch(collection, 'b', {})).toBe(false);
        expect(await store.patch(collection, 'c', {}, { upsert: true })).toBe(true);
        expect(await store.find(collection, {})).toEqual([{ _id: 'a', n: 1 }, { _id: 'c' }]);
      });

      itUnlessGap('concurrent-updates', 'loses no increment under concurrent patches', async () => {
        await store.upsert(collection, { _id: 'a', n: 0 });
        await Promise.all(Array.from({ length: 25 }, () => store.patch(collection, 'a', { $inc: { n: 1 } })));
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', n: 25 });
      });

      const invalid: Array<[string, unknown]> = [
        ['an unknown operator', { $rename: { a: 'b' } }],
        ['$setOnInsert', { $setOnInsert: { a: 1 } }],
        ['a path and its parent', { $set: { a: 1, 'a.b': 2 } }],
        ['the same path twice', { $set: { a: 1 }, $inc: { a: 1 } }],
        ['a parent unset under a set child', { $set: { 'a.b': 1 }, $unset: ['a'] }],
        ['a change to _id', { $set: { _id: 'other' } }],
        ['an array-index path', { $set: { 'list.0': 1 } }],
        ['a non-numeric $inc', { $inc: { n: '1' } }],
        ['a non-array $unset', { $unset: { a: '' } }],
      ];

      it.each(invalid)('rejects %s and changes nothing', async (_name, update) => {
        await store.upsert(collection, { _id: 'a', a: { b: 0 }, n: 1, list: [0] });
        await expect(store.patch(collection, 'a', update as Update)).rejects.toThrow();
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', a: { b: 0 }, n: 1, list: [0] });
      });
    });

    describe('indexes', () => {
      it('ensureIndex is idempotent and keeps filters and sorting right', async () => {
        for (const row of ROWS) await store.upsert(collection, row);
        await store.ensureIndex(collection, {
          fields: [
            ['group', 1],
            ['rank', -1],
          ],
        });
        await store.ensureIndex(collection, {
          fields: [
            ['group', 1],
            ['rank', -1],
          ],
        });
        await store.ensureIndex(collection, { fields: [['meta.size', 1]], name: 'by_size' });
        const sort: Sort = [
          ['group', 1],
          ['rank', -1],
        ];
        expect(await ids(collection, {}, { sort })).toEqual(expectedOrder(ROWS, sort));
        expect(await ids(collection, { group: 'a' }, { sort })).toEqual(
          expectedOrder(
            ROWS.filter((row) => row.group === 'a'),
            sort,
          ),
        );
        expect(await store.count(collection, { 'meta.size': { $gte: 3 } })).toBe(
          ROWS.filter((row) => (row.meta as { size: number }).size >= 3).length,
        );
      });

      itUnlessGap(
        ['no-partial-index', 'unnamed-duplicate-index', 'unique-violation-not-e11000'],
        'a unique index refuses a duplicate with DuplicateKeyError and keeps the store unchanged',
        async () => {
          await store.ensureIndex(collection, { fields: [['email', 1]], unique: true });
          await store.upsert(collection, { _id: 'a', email: 'x@example.com' });
          await store.upsert(collection, { _id: 'b', email: 'y@example.com' });
          const upserted = store.upsert(collection, { _id: 'c', email: 'x@example.com' });
          await expect(upserted).rejects.toBeInstanceOf(DuplicateKeyError);
          await expect(upserted).rejects.toMatchObject({ collection, index: 'email_1' });
          await expect(store.patch(collection, 'b', { $set: { email: 'x@example.com' } })).rejects.toBeInstanceOf(DuplicateKeyError);
          expect(await store.get(collection, 'c')).toBeNull();
          expect(await store.get(collection, 'b')).toEqual({ _id: 'b', email: 'y@example.com' });
          await store.upsert(collection, { _id: 'a', email: 'x@example.com', again: true });
          expect(await store.count(collection, {})).toBe(2);
        },
      );

      itUnlessGap('no-partial-index', 'a unique index ignores documents missing the field', async () => {
        await store.ensureIndex(collection, { fields: [['email', 1]], unique: true });
        await store.upsert(collection, { _id: 'a' });
        await store.upsert(collection, { _id: 'b' });
        expect(await store.count(collection, {})).toBe(2);
      });

      itUnlessGap(
        ['no-partial-index', 'unnamed-duplicate-index'],
        'a compound unique index refuses only the full combination, under its given name',
        async () => {
          await store.ensureIndex(collection, {
            fields: [
              ['owner', 1],
              ['name', 1],
            ],
            unique: true,
            name: 'owner_name',
          });
          await store.upsert(collection, { _id: 'a', owner: 'u1', name: 'f' });
          await store.upsert(collection, { _id: 'b', owner: 'u2', name: 'f' });
          await store.upsert(collection, { _id: 'c', owner: 'u1', name: 'g' });
          await expect(store.upsert(collection, { _id: 'd', owner: 'u1', name: 'f' })).rejects.toMatchObject({
            name: 'DuplicateKeyError',
            index: 'owner_name',
          });
        },
      );

      itUnlessGap(
        ['no-partial-index', 'unique-violation-not-e11000'],
        'creating a unique index over duplicates fails with DuplicateKeyError',
        async () => {
          await store.upsert(collection, { _id: 'a', email: 'x' });
          await store.upsert(collection, { _id: 'b', email: 'x' });
          await expect(store.ensureIndex(collection, { fields: [['email', 1]], unique: true })).rejects.toBeInstanceOf(DuplicateKeyError);
        },
      );

      it('rejects invalid index specifications', async () => {
        await expect(store.ensureIndex(collection, { fields: [] })).rejects.toThrow(/at least one field/);
        await expect(store.ensureIndex(collection, { fields: [['a.0', 1]] })).rejects.toThrow(/invalid field path/);
        await expect(store.ensureIndex(collection, { fields: [['a', 1]], name: 'bad name"' })).rejects.toThrow(/invalid index name/);
      });
    });

    describe('transactions', () => {
      it('commits every write and returns what fn returns', async () => {
        await store.upsert(collection, { _id: 'existing', n: 1 });
        const result = await store.transaction(async (tx) => {
          await tx.upsert(collection, { _id: 'a', v: 1 });
          await tx.upsert(`${collection}_b`, { _id: 'b', v: 2 });
          await tx.patch(collection, 'existing', { $inc: { n: 1 } });
          return 'done';
        });
        expect(result).toBe('done');
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', v: 1 });
        expect(await store.get(`${collection}_b`, 'b')).toEqual({ _id: 'b', v: 2 });
        expect(await store.get(collection, 'existing')).toEqual({ _id: 'existing', n: 2 });
      });

      it('reads inside see the transaction’s own writes', async () => {
        await store.transaction(async (tx) => {
          await tx.upsert(collection, { _id: 'a', v: 1 });
          await tx.patch(collection, 'a', { $inc: { v: 1 } });
          expect(await tx.get(collection, 'a')).toEqual({ _id: 'a', v: 2 });
          expect(await tx.find(collection, { v: 2 })).toEqual([{ _id: 'a', v: 2 }]);
          expect(await tx.count(collection, {})).toBe(1);
        });
      });

      it('keeps its writes from readers outside until it commits (where atomic)', async () => {
        const written = deferred();
        const checked = deferred();
        const transaction = store.transaction(async (tx) => {
          await tx.upsert(collection, { _id: 'a', v: 1 });
          written.resolve();
          await checked.promise;
        });
        await written.promise;
        const outside = await store.get(collection, 'a');
        checked.resolve();
        await transaction;
        expect(outside).toEqual(harness.atomicTransactions ? null : { _id: 'a', v: 1 });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', v: 1 });
      });

      it('rolls back when fn throws and rethrows its error (where atomic)', async () => {
        await store.upsert(collection, { _id: 'kept', n: 1 });
        await store.upsert(collection, { _id: 'deleted' });
        const failure = new Error('projection failed');
        await expect(
          store.transaction(async (tx) => {
            await tx.upsert(collection, { _id: 'new' });
            await tx.upsert(`${collection}_fresh`, { _id: 'x' });
            await tx.patch(collection, 'kept', { $inc: { n: 1 } });
            await tx.delete(collection, 'deleted');
            throw failure;
          }),
        ).rejects.toBe(failure);
        if (harness.atomicTransactions) {
          expect(await store.find(collection, {})).toEqual([{ _id: 'deleted' }, { _id: 'kept', n: 1 }]);
          expect(await store.count(`${collection}_fresh`, {})).toBe(0);
        } else {
          expect(await store.find(collection, {})).toEqual([{ _id: 'kept', n: 2 }, { _id: 'new' }]);
        }
      });

      itUnlessGap('no-partial-index', 'rolls back earlier writes when a DuplicateKeyError escapes fn (where atomic)', async () => {
        await store.ensureIndex(collection, { fields: [['email', 1]], unique: true });
        await store.upsert(collection, { _id: 'a', email: 'x' });
        await expect(
          store.transaction(async (tx) => {
            await tx.upsert(collection, { _id: 'b', email: 'y' });
            await tx.upsert(collection, { _id: 'c', email: 'x' });
          }),
        ).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.get(collection, 'b')).toEqual(harness.atomicTransactions ? null : { _id: 'b', email: 'y' });
        expect(await store.get(collection, 'c')).toBeNull();
      });

      it('a nested transaction joins the outer one', async () => {
        await store.transaction(async (tx) => {
          await tx.transaction(async (inner) => inner.upsert(collection, { _id: 'a' }));
          expect(await tx.get(collection, 'a')).toEqual({ _id: 'a' });
        });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a' });
      });
    });

    describe('position guard', () => {
      it('upsert stamps _position and ignores an older or equal position', async () => {
        await store.upsert(collection, { _id: 'a', v: 'first' }, { position: '0005' });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', v: 'first', _position: '0005' });
        await store.upsert(collection, { _id: 'a', v: 'older' }, { position: '0003' });
        await store.upsert(collection, { _id: 'a', v: 'equal' }, { position: '0005' });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', v: 'first', _position: '0005' });
        await store.upsert(collection, { _id: 'a', v: 'newer' }, { position: '0007' });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', v: 'newer', _position: '0007' });
      });

      it('applies to a document stored without a position', async () => {
        await store.upsert(collection, { _id: 'a', v: 1 });
        await store.upsert(collection, { _id: 'a', v: 2 }, { position: '0001' });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', v: 2, _position: '0001' });
      });

      it('compares positions as strings (callers pad them)', async () => {
        await store.upsert(collection, { _id: 'a', v: 'nine' }, { position: '9' });
        await store.upsert(collection, { _id: 'a', v: 'ten' }, { position: '10' });
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', v: 'nine', _position: '9' });
      });

      it('makes a replayed $inc a no-op', async () => {
        expect(await store.patch(collection, 'a', { $inc: { n: 1 } }, { position: '0001', upsert: true })).toBe(true);
        expect(await store.patch(collection, 'a', { $inc: { n: 1 } }, { position: '0001', upsert: true })).toBe(false);
        expect(await store.patch(collection, 'a', { $inc: { n: 1 } }, { position: '0000', upsert: true })).toBe(false);
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', n: 1, _position: '0001' });
        expect(await store.patch(collection, 'a', { $inc: { n: 1 } }, { position: '0002', upsert: true })).toBe(true);
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', n: 2, _position: '0002' });
      });

      it('applies a concurrently replayed $inc once', async () => {
        const results = await Promise.all(
          Array.from({ length: 6 }, () => store.patch(collection, 'a', { $inc: { n: 1 } }, { position: '0001', upsert: true })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', n: 1, _position: '0001' });
      });

      it('patch with a position and no upsert leaves a missing document missing', async () => {
        expect(await store.patch(collection, 'a', { $set: { v: 1 } }, { position: '0001' })).toBe(false);
        expect(await store.get(collection, 'a')).toBeNull();
      });

      it('delete removes only for a newer position', async () => {
        await store.upsert(collection, { _id: 'a' }, { position: '0005' });
        expect(await store.delete(collection, 'a', { position: '0004' })).toBe(false);
        expect(await store.delete(collection, 'a', { position: '0005' })).toBe(false);
        expect(await store.get(collection, 'a')).toEqual({ _id: 'a', _position: '0005' });
        expect(await store.delete(collection, 'a', { position: '0006' })).toBe(true);
        expect(await store.get(collection, 'a')).toBeNull();
        expect(await store.delete(collection, 'a', { position: '0007' })).toBe(false);
      });

      it('guards writes inside a transaction too', async () => {
        await store.upsert(collection, { _id: 'a', n: 1 }, { position: '0005' });
        await store.transaction(async (tx) => {
          await tx.patch(collection, 'a', { $inc: { n: 1 } }, { position: '0005', upsert: true });
          await tx.upsert(collection, { _id: 'a', n: 100 }, { position: '0004' });
          await tx.patch(collection, 'b', { $inc: { n: 1 } }, { position: '0005', upsert: true });
          await tx.patch(collection, 'b', { $inc: { n: 1 } }, { position: '0005', upsert: true });
        });
        expect(await store.find(collection, {})).toEqual([
          { _id: 'a', n: 1, _position: '0005' },
          { _id: 'b', n: 1, _position: '0005' },
        ]);
      });
    });

    describe('drop', () => {
      itUnlessGap('no-partial-index', 'removes the documents and the indexes of a collection, which stays usable', async () => {
        await store.ensureIndex(collection, { fields: [['email', 1]], unique: true });
        await store.upsert(collection, { _id: 'a', email: 'x' });
        await store.drop(collection);
        expect(await store.get(collection, 'a')).toBeNull();
        expect(await store.count(collection, {})).toBe(0);
        await store.upsert(collection, { _id: 'b', email: 'x' });
        await store.upsert(collection, { _id: 'c', email: 'x' });
        expect(await ids(collection, {})).toEqual(['b', 'c']);
      });

      it('accepts a collection that does not exist', async () => {
        await expect(store.drop(`${collection}_never`)).resolves.toBeUndefined();
      });

      it('leaves other collections alone', async () => {
        await store.upsert(collection, { _id: 'a' });
        await store.upsert(`${collection}_other`, { _id: 'a' });
        await store.drop(collection);
        expect(await store.get(`${collection}_other`, 'a')).toEqual({ _id: 'a' });
      });
    });
  });
}
