// A Microsoft Teams outgoing webhook ("@Ripple what happened"). Public to the web, signed with the
// webhook's security token (lib/server/chat/teams.ts).
import { handleTeamsMessage } from "@/lib/server/chat/teams";
import { createRoute, PUBLIC } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const POST = createRoute({ name: "teams.message", authorize: PUBLIC, session: "none", handler: (request) => handleTeamsMessage(request) });
