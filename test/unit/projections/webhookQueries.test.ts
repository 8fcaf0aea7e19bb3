import { SqliteReadStore } from '../../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../../src/adapters/sqlite/sqliteDatabase';
import type { ReadStore } from '../../../src/ports/readStore';
import { countWebhooksOf, enabledWebhooks, enabledWebhooksOf, ownedWebhook } from '../../../src/projections/webhooks/webhookQueries';
import { webhooksProjection } from '../../../src/projections/webhooks/webhooksProjection';
import type { WebhookRow } from '../../../src/webhooks/webhookPorts';
import { WEBHOOKS } from '../../../src/webhooks/webhookPorts';
import { uuid } from './recordedEvents';
import { webhookRow } from '../../support/webhookRows';

const ALICE = uuid(1);
const BOB = uuid(2);
const CAROL = uuid(3);

const row = (n: number, ownerId: string, enabled = true): WebhookRow =>
  webhookRow({
    _id: uuid(1000 + n),
    ownerId,
    url: 'https://example.com/hooks',
    enabled,
    disabledReason: enabled ? null : 'disabled by its owner',
    secrets: [{ encryptedSecret: `sealed-${n}`, expiresAt: null }],
  });

async function withWebhooks(rows: readonly WebhookRow[], read: (store: ReadStore) => Promise<void>): Promise<void> {
  const db = new SqliteDatabase({ path: ':memory:' });
  try {
    const store = await SqliteReadStore.open(db);
    await webhooksProjection.setup(store);
    for (const each of rows) await store.upsert(WEBHOOKS, each);
    await read(store);
  } finally {
    await db.close();
  }
}

const ids = (rows: readonly WebhookRow[]) => rows.map((each) => each._id).sort();

describe('webhook queries', () => {
  it('finds the enabled webhooks of an audience, every one of them past a page', async () => {
    const alices = Array.from({ length: 600 }, (_, n) => row(n, ALICE));
    const rows = [...alices, row(700, ALICE, false), row(701, BOB), row(702, CAROL)];
    await withWebhooks(rows, async (store) => {
      expect(ids(await enabledWebhooksOf(store, [ALICE, BOB]))).toEqual(ids([...alices, row(701, BOB)]));
      expect(await enabledWebhooksOf(store, [])).toEqual([]);
      const firstPage = await enabledWebhooks(store, { limit: 400 });
      const secondPage = await enabledWebhooks(store, { limit: 400, after: firstPage[firstPage.length - 1] });
      expect(ids([...firstPage, ...secondPage])).toEqual(ids([...alices, row(701, BOB), row(702, CAROL)]));
    });
  });

  it('finds a user’s own webhook only, and counts theirs, disabled ones included', async () => {
    await withWebhooks([row(1, ALICE), row(2, ALICE, false), row(3, BOB)], async (store) => {
      expect(await ownedWebhook(store, ALICE, uuid(1001))).toEqual(expect.objectContaining({ _id: uuid(1001) }));
      expect(await ownedWebhook(store, BOB, uuid(1001))).toBeNull();
      expect(await ownedWebhook(store, ALICE, uuid(9999))).toBeNull();
      expect(await countWebhooksOf(store, ALICE)).toBe(2);
      expect(await countWebhooksOf(store, CAROL)).toBe(0);
    });
  });
});
