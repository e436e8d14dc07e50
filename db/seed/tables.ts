/** Whole-schema helpers around a seed: table lists, emptiness, truncation, bulk-load index handling. */
import { getTableName, is, sql, type SQL } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Db, Queryable } from "@/db/client";
import * as schema from "@/db/schema";

/** Every app table of the schema (drizzle's own migration table is in another schema). */
export function appTables(): PgTable[] {
  return (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
}

export function appTableNames(): string[] {
  return appTables().map((t) => getTableName(t));
}

export function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

export async function one<T>(q: Queryable, query: SQL): Promise<T> {
  return rowsOf<T>(await q.execute(query))[0]!;
}

/**
 * Checks every (single-column) foreign key of the app tables with one anti-join each; throws
 * naming the constraint and a sample of the dangling values. Used after a load with FK triggers off.
 */
export async function verifyForeignKeys(q: Queryable): Promise<void> {
  const fks = rowsOf<{ name: string; child: string; col: string; parent: string; pcol: string }>(
    await q.execute(sql`
      SELECT c.conname AS name, cl.relname AS child, a.attname AS col, pl.relname AS parent, pa.attname AS pcol
      FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      JOIN pg_class pl ON pl.oid = c.confrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND n.nspname = current_schema() AND cardinality(c.conkey) = 1
      ORDER BY 1`),
  );
  const checks = fks.map(
    (f) => `SELECT '${f.name}' AS name, count(*)::text AS n, min(x."${f.col}"::text) AS sample FROM "${f.child}" x
      WHERE x."${f.col}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${f.parent}" y WHERE y."${f.pcol}" = x."${f.col}")`,
  );
  if (checks.length === 0) return;
  const bad = rowsOf<{ name: string; n: string; sample: string | null }>(
    await q.execute(sql.raw(checks.map((c) => `(${c})`).join(" UNION ALL "))),
  ).filter((r) => Number(r.n) > 0);
  if (bad.length > 0) {
    throw new Error(`演示数据外键校验失败 (dangling foreign keys): ${bad.map((b) => `${b.name}: ${b.n} 行, 例如 ${b.sample}`).join("; ")}`);
  }
}

export interface DeferredIndex {
  table: string;
  name: string;
  def: string;
  constraint: string | null;
  condef: string | null;
}

/**
 * Bulk-load helper: drops every index of the app tables that no foreign key depends on (plain
 * indexes, and primary-key / unique constraints nobody references) and returns their exact
 * definitions (pg_get_indexdef / pg_get_constraintdef) so `restoreIndexes` can recreate them
 * verbatim. Building an index once over loaded rows is several times cheaper than maintaining it
 * row by row; both steps run inside the seed transaction, so a failure leaves the schema untouched.
 */
export async function dropIndexesForLoad(q: Queryable): Promise<DeferredIndex[]> {
  const names = appTableNames();
  const defs = rowsOf<DeferredIndex>(
    await q.execute(sql`
      SELECT ct.relname AS "table", ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def,
             c.conname AS "constraint", CASE WHEN c.oid IS NULL THEN NULL ELSE pg_get_constraintdef(c.oid) END AS condef
      FROM pg_index i
      JOIN pg_class ct ON ct.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = ct.relnamespace
      JOIN pg_class ic ON ic.oid = i.indexrelid
      LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u')
      WHERE n.nspname = current_schema()
        AND ct.relname IN (${sql.join(names.map((t) => sql`${t}`), sql`, `)})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid AND x.contype NOT IN ('p', 'u', 'f'))
      ORDER BY 1, 2`),
  );
  for (const d of defs) {
    await q.execute(sql.raw(d.constraint ? `ALTER TABLE "${d.table}" DROP CONSTRAINT "${d.constraint}"` : `DROP INDEX "${d.name}"`));
  }
  return defs;
}

export async function restoreIndexes(q: Queryable, defs: DeferredIndex[]): Promise<void> {
  await q.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const d of defs) {
    await q.execute(sql.raw(d.constraint ? `ALTER TABLE "${d.table}" ADD CONSTRAINT "${d.constraint}" ${d.condef}` : d.def));
  }
}

/** True when any app table has a row. */
export async function hasData(q: Queryable): Promise<boolean> {
  const probes = appTableNames().map((t) => `(SELECT 1 FROM "${t}" LIMIT 1)`);
  const r = await one<{ any: boolean }>(q, sql.raw(`SELECT EXISTS (${probes.join(" UNION ALL ")}) AS any`));
  return r.any === true || (r.any as unknown) === "t";
}

export async function truncateAll(q: Queryable): Promise<void> {
  // The audit log refuses TRUNCATE unless this transaction says so (migration 0001).
  const run = async (tx: Queryable) => {
    await tx.execute(sql`SELECT set_config('civic.allow_audit_truncate', 'on', true)`);
    await tx.execute(sql.raw(`TRUNCATE TABLE ${appTableNames().map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`));
  };
  if ("transaction" in q) await (q as Db).transaction(run);
  else await run(q);
}

export async function tableCounts(q: Queryable): Promise<Record<string, number>> {
  const names = appTableNames();
  const r = await one<Record<string, number | string>>(
    q,
    sql.raw(`SELECT ${names.map((t) => `(SELECT count(*) FROM "${t}")::bigint::text AS "${t}"`).join(", ")}`),
  );
  return Object.fromEntries(names.map((t) => [t, Number(r[t])]));
}
