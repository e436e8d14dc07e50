import { reviewRoute } from "@/lib/service-hours/api";

export const dynamic = "force-dynamic";

/** POST /api/v1/service-records/{id}/verify — {version?}: the supervising street/district verifies: hours, star level, points (ledger earn entry), rollups. */
export const POST = reviewRoute("verified");
