import type { Document, Filter, ReadStore } from '../ports/readStore';

/** A document's next state for an event; null deletes it (or leaves it absent). */
export type Evolve<V extends Document> = (view: V | null) => V | null;

const PAGE = 500;

async function write<V extends Document>(tx: ReadStore, collection: string, id: string, current: V | null, next: V | null): Promise<void> {
  if (next === current) return;
  if (next) await tx.upsert(collection, next);
  else await tx.delete(collection, id);
}

/** Reads one document, evolves it and writes the result once: upserted, deleted, or untouched when unchanged. */
export async function evolveDocument<V extends Document>(
  tx: ReadStore,
  collection: string,
  id: string,
  evolve: Evolve<V>,
): Promise<V | null> {
  const current = await tx.get<V>(collection, id);
  const next = evolve(current);
  await write(tx, collection, id, current, next);
  return next;
}

/** Evolves every document matching `filter`, a page at a time (keyset by `_id`, so deletions do not skip any). */
export async function evolveMatching<V extends Document>(
  tx: ReadStore,
  collection: string,
  filter: Filter,
  evolve: Evolve<V>,
): Promise<void> {
  let after: V | undefined;
  for (;;) {
    const page = await tx.find<V>(collection, filter, { limit: PAGE, after });
    for (const current of page) await write(tx, collection, current._id, current, evolve(current));
    if (page.length < PAGE) return;
    after = page[page.length - 1];
  }
}
