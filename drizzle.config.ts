import { defineConfig } from "drizzle-kit";

// Migrations are generated once from db/schema and applied the same way on PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
});
