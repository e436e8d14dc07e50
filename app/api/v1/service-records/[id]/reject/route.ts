import { reviewRoute } from "@/lib/service-hours/api";

export const dynamic = "force-dynamic";

/** POST /api/v1/service-records/{id}/reject — {version?, reason}: the supervising street/district rejects with a reason; a verified record gets a reversing ledger entry, never an edit. */
export const POST = reviewRoute("rejected");
