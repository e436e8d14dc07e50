import { apiRoute } from "@/lib/auth/api";
import { json, parseQuery } from "@/lib/http";
import { FundsQuery, listFunds } from "@/lib/funds/ledger";

export const dynamic = "force-dynamic";

/** `GET /api/v1/funds?region=` → `[{id, name, regionCode, balance}]` (balance in yuan, two decimals). */
export const GET = apiRoute({ area: "organizations" }, async ({ actor, db, req }) => {
  const q = parseQuery(FundsQuery, req.url);
  if (!q.ok) return q.response;
  return json((await listFunds(db, actor, { region: q.data.region })).map(({ id, name, regionCode, balance }) => ({ id, name, regionCode, balance })));
});
