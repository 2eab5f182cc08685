import { NextResponse } from "next/server";
import { createRoute, PUBLIC } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// The empty route: no session, no database, no work. The floor that `npm run bench:load` measures
// every other route against (`/api/health` is the one that asks the database).
export const GET = createRoute({
  name: "ping",
  authorize: PUBLIC,
  session: "none",
  handler: async () => NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
});
