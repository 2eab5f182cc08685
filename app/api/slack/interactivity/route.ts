// Slack's interactivity endpoint: the message shortcut "Save as learning moment", the global
// shortcut and its modal. Public to the web, signed by the workspace (lib/server/chat/slack.ts).
import { handleSlackInteraction } from "@/lib/server/chat/slack";
import { createRoute, PUBLIC } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const POST = createRoute({ name: "slack.interactivity", authorize: PUBLIC, session: "none", handler: (request) => handleSlackInteraction(request) });
