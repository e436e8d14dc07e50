/** `npm run db:migrate`: applies the committed migrations to PGlite (PGLITE_DIR) or DATABASE_URL. */
import { closeDb, dbKind, getDb, migrate } from "@/db/client";

async function main() {
  const db = await getDb();
  const t = Date.now();
  await migrate(db);
  console.log(`[migrate] ${await dbKind()} schema up to date (${Date.now() - t} ms)`);
  await closeDb();
}

main().catch(async (e) => {
  console.error(`[migrate] 失败: ${e instanceof Error ? e.message : String(e)}`);
  await closeDb().catch(() => undefined);
  process.exit(1);
});
