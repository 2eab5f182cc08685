// Slack's slash command `/ripple <what happened>`. Public to the web, but every request must carry
// the workspace's signature (lib/server/chat/slack.ts); it reads no Ripple session.
import { handleSlackCommand } from "@/lib/server/chat/slack";
import { createRoute, PUBLIC } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const POST = createRoute({ name: "slack.command", authorize: PUBLIC, session: "none", handler: (request) => handleSlackCommand(request) });
