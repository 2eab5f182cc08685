import { NextResponse } from "next/server";
import { databaseHealth } from "@/lib/db/health";
import { createRoute, PUBLIC } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// A duration, not a time of day: the monotonic clock (unaffected by clock changes).
const startedAt = performance.now();

export const GET = createRoute({
  name: "health",
  authorize: PUBLIC,
  handler: async () => {
    const database = await databaseHealth();
    const status = database.ok ? "ok" : "degraded";
    return NextResponse.json(
      { status, uptimeSeconds: Math.round((performance.now() - startedAt) / 1000), database },
      { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  },
});
