import { NextResponse } from "next/server";
import { databaseHealth } from "@/lib/db/health";
import { createRoute, PUBLIC } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const startedAt = Date.now();

export const GET = createRoute({
  name: "health",
  authorize: PUBLIC,
  handler: async () => {
    const database = await databaseHealth();
    const status = database.ok ? "ok" : "degraded";
    return NextResponse.json(
      { status, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), database },
      { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  },
});
