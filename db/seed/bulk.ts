import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";

export type Cell = string | number | boolean | null | undefined | readonly string[];

function quoteElem(s: string): string {
  if (s.indexOf('"') < 0 && s.indexOf("\\") < 0) return `"${s}"`;
  return `"${s.replace(/[\\"]/g, "\\$&")}"`;
}

function encodeCell(v: Cell): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NULL";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "string") return quoteElem(v);
  return quoteElem(`{${v.map(quoteElem).join(",")}}`);
}

/**
 * Buffered bulk writer: rows are arrays in the order of `keys` (drizzle property names); a flush
 * sends one text[] parameter per column and casts in SQL, so a batch of any size is one statement.
 */
export class BulkWriter {
  /** Time spent encoding and in the database, for the phase log. */
  static encodeMs = 0;
  static dbMs = 0;
  private buf: Cell[][] = [];
  private readonly head: string;
  private readonly select: string;
  private readonly aliases: string;
  count = 0;

  constructor(
    private readonly q: Queryable,
    table: PgTable,
    keys: readonly string[],
    private readonly batch: number,
  ) {
    const cols = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
    const meta = keys.map((k, i) => {
      const c = cols[k];
      if (!c) throw new Error(`BulkWriter: ${getTableName(table)} has no column ${k}`);
      let type = c.getSQLType();
      if (type === "serial") type = "integer";
      if (type === "bigserial") type = "bigint";
      if (/^[a-z_]+$/.test(type) && !["integer", "bigint", "smallint", "text", "date", "boolean"].includes(type)) type = `"${type}"`;
      return { name: c.name, type, alias: `c${i}` };
    });
    // Timestamps travel as epoch milliseconds (cheaper to produce and to parse than ISO text).
    const expr = (m: { type: string; alias: string }) =>
      m.type === "timestamp with time zone" ? `to_timestamp(round(u.${m.alias}::float8) / 1000)` : `u.${m.alias}::${m.type}`;
    this.head = `INSERT INTO "${getTableName(table)}" (${meta.map((m) => `"${m.name}"`).join(", ")})`;
    this.select = meta.map(expr).join(", ");
    this.aliases = meta.map((m) => m.alias).join(", ");
  }

  push(row: Cell[]): void {
    this.buf.push(row);
  }

  get full(): boolean {
    return this.buf.length >= this.batch;
  }

  async maybeFlush(): Promise<void> {
    if (this.buf.length >= this.batch) await this.flush();
  }

  async flush(): Promise<void> {
    const all = this.buf;
    this.buf = [];
    for (let i = 0; i < all.length; i += this.batch) await this.send(all.length <= this.batch ? all : all.slice(i, i + this.batch));
  }

  private async send(rows: Cell[][]): Promise<void> {
    if (rows.length === 0) return;
    const t0 = performance.now();
    const ncol = rows[0]!.length;
    const params: SQL[] = [];
    for (let c = 0; c < ncol; c++) {
      const parts = new Array<string>(rows.length);
      for (let r = 0; r < rows.length; r++) parts[r] = encodeCell(rows[r]![c] as Cell);
      params.push(sql`${`{${parts.join(",")}}`}::text[]`);
    }
    const t1 = performance.now();
    BulkWriter.encodeMs += t1 - t0;
    await this.q.execute(
      sql`${sql.raw(this.head)} SELECT ${sql.raw(this.select)} FROM unnest(${sql.join(params, sql`, `)}) AS u(${sql.raw(this.aliases)})`,
    );
    BulkWriter.dbMs += performance.now() - t1;
    this.count += rows.length;
  }
}
