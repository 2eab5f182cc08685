// The REST API's OpenAPI 3.1 document, generated from the zod schemas that validate it. Public:
// it describes the API, and holds nothing of any organisation.
import { PUBLIC, createRoute } from "@/lib/server/route";
import { openApiDocument } from "@/lib/server/api/openapi";

export const dynamic = "force-dynamic";

let cached: string | null = null;

export const GET = createRoute({
  name: "api.openapi",
  authorize: PUBLIC,
  session: "none",
  handler: async () => {
    cached ??= JSON.stringify(openApiDocument());
    return new Response(cached, { headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" } });
  },
});
