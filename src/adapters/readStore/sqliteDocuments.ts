import type Database from 'better-sqlite3';
import type { Document } from '../../ports/readStore';
import { applyUpdate } from './applyUpdate';
import type { FieldCondition } from './filterConditions';
import type { FindPlan } from './findPlan';
import type { ParsedUpdate } from './parseUpdate';
import { acceptsPosition } from './positionGuard';
import { SqlParams } from './sqliteExpressions';
import { filterSql } from './sqliteFilter';
import { keysetSql, orderSql } from './sqliteOrder';
import { asDuplicateKeyError, tableName, tableRef } from './sqliteSchema';

const STATEMENT_CACHE_SIZE = 256;

/**
 * The read-store operations as synchronous statements on one connection: the reader for reads outside
 * transactions, the writer inside `db.write` for everything else. Tables must exist before they are used.
 * Each row holds the document's JSON, `_id` included, so a read returns exactly what was written.
 */
export class SqliteDocuments {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly connection: Database.Database) {}

  get(collection: string, id: string): Document | null {
    const row = this.statement(`SELECT doc FROM ${tableRef(collection)} WHERE _id = ?`).get(id) as { doc: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.doc) as Document);
  }

  find(collection: string, conditions: FieldCondition[], plan: FindPlan): Document[] {
    const params = new SqlParams();
    let sql = `SELECT doc FROM ${tableRef(collection)} WHERE ${filterSql(conditions, params)}`;
    if (plan.keyset !== undefined) sql += ` AND ${keysetSql(plan.keyset, params)}`;
    sql += ` ORDER BY ${orderSql(plan.sort)}`;
    if (plan.limit !== undefined) sql += ` LIMIT ${params.add(plan.limit)}`;
    const rows = this.statement(sql).all(...params.values) as Array<{ doc: string }>;
    return rows.map((row) => JSON.parse(row.doc) as Document);
  }

  count(collection: string, conditions: FieldCondition[]): number {
    const params = new SqlParams();
    const sql = `SELECT count(*) AS n FROM ${tableRef(collection)} WHERE ${filterSql(conditions, params)}`;
    return (this.statement(sql).get(...params.values) as { n: number }).n;
  }

  hasTable(collection: string): boolean {
    return this.statement(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(tableName(collection)) !== undefined;
  }

  /** `json` is the document ready to store (see documentJsonForWrite); `position` is the guard, already stamped into it. */
  upsert(collection: string, id: string, json: string, position: string | undefined): void {
    if (position !== undefined && !this.accepts(collection, id, position)) return;
    this.putJson(collection, id, json);
  }

  insert(collection: string, id: string, json: string): boolean {
    const sql = `INSERT INTO ${tableRef(collection)} (_id, doc) VALUES (?, ?) ON CONFLICT (_id) DO NOTHING`;
    try {
      return this.statement(sql).run(id, json).changes > 0;
    } catch (error) {
      throw asDuplicateKeyError(collection, error);
    }
  }

  patch(collection: string, id: string, update: ParsedUpdate, position: string | undefined, upsert: boolean): boolean {
    const current = this.get(collection, id);
    if (current === null ? !upsert : position !== undefined && !acceptsPosition(current._position, position)) return false;
    this.put(collection, applyUpdate(current ?? { _id: id }, update));
    return true;
  }

  /** `conditions`: the document is deleted only if it matches them (none: whatever it holds). */
  delete(collection: string, id: string, position: string | undefined, conditions: FieldCondition[]): boolean {
    if (position !== undefined && !this.accepts(collection, id, position)) return false;
    const params = new SqlParams();
    params.add(id);
    const sql = `DELETE FROM ${tableRef(collection)} WHERE _id = ? AND ${filterSql(conditions, params)}`;
    return this.statement(sql).run(...params.values).changes > 0;
  }

  /**
   * The guard reads only the stored `_position` (SQLite extracts it from the JSON): no document is parsed
   * here. `json_type` tells a missing `_position` (SQL NULL, accepted) from a JSON null (refused, as any
   * value but a string is).
   */
  private accepts(collection: string, id: string, position: string): boolean {
    const sql = `SELECT json_type(doc, '$._position') AS type, json_extract(doc, '$._position') AS value FROM ${tableRef(collection)} WHERE _id = ?`;
    const row = this.statement(sql).get(id) as { type: string | null; value: unknown } | undefined;
    if (row === undefined || row.type === null) return true;
    return row.type === 'text' && acceptsPosition(row.value, position);
  }

  private put(collection: string, doc: Document): void {
    this.putJson(collection, doc._id, JSON.stringify(doc));
  }

  private putJson(collection: string, id: string, json: string): void {
    const sql = `INSERT INTO ${tableRef(collection)} (_id, doc) VALUES (?, ?) ON CONFLICT (_id) DO UPDATE SET doc = excluded.doc`;
    try {
      this.statement(sql).run(id, json);
    } catch (error) {
      throw asDuplicateKeyError(collection, error);
    }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
