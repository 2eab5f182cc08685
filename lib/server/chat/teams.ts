import "server-only";
import { chatLinkPath, chatWorkspace, confirmTeamsLink, createChatLinkRequest, linkedActor, type ChatIdentity } from "@/lib/db/chat";
import { quickCapture } from "@/lib/db/stories";
import { CHAT_LINK_HOURS, captureLine, chatCaptureKey, firstLink, slashIntent, teamsPlainText } from "@/lib/domain/chat";
import { verifyTeamsRequest } from "@/lib/platform/chat-signature";
import { publicUrl } from "@/lib/platform/env";
import { asExpected } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { teamsActivitySchema } from "@/lib/validation/chat";
import { quickCaptureSchema } from "@/lib/validation/story";

// A Teams outgoing webhook: "@Ripple what happened" in a channel. Verified with the webhook's
// security token (HMAC), answered in the response itself, within Teams' 5 seconds: a capture is
// one short transaction, and the reply is the response's message activity.

const MAX_BODY = 256 * 1024;
const message = (text: string) => Response.json({ type: "message", text });
const refuse = (status: number, error: string) => Response.json({ error }, { status });

export const TEAMS_HELP =
  "Save a learning moment to Ripple: mention Ripple with one line about what happened, e.g. “@Ripple Ana showed me how to read the churn report”. A link in it is kept.";

function tenantOf(raw: string): string | null {
  try {
    const p = JSON.parse(raw) as { channelData?: { tenant?: { id?: unknown } }; conversation?: { tenantId?: unknown } };
    const id = p?.channelData?.tenant?.id ?? p?.conversation?.tenantId;
    return typeof id === "string" ? id.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** POST /api/teams/messages */
export async function handleTeamsMessage(request: Request): Promise<Response> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY) return refuse(413, "Too large.");
  const raw = await request.text();
  if (raw.length > MAX_BODY) return refuse(413, "Too large.");
  const tenant = tenantOf(raw);
  const workspace = tenant ? await chatWorkspace("TEAMS", tenant) : null;
  if (!workspace) return refuse(401, "This Microsoft Teams tenant is not connected to Ripple.");
  const check = verifyTeamsRequest({ tokenBase64: workspace.signingSecret, authorization: request.headers.get("authorization"), rawBody: raw });
  if (!check.ok) {
    logger.warn({ route: "teams", reason: check.reason }, "teams request refused");
    return refuse(401, "The signature does not match.");
  }
  const parsed = teamsActivitySchema.safeParse(JSON.parse(raw));
  if (!parsed.success) return refuse(400, "This is not a message Ripple understands.");
  const activity = parsed.data;
  const intent = slashIntent(teamsPlainText(activity.text));
  if (intent.kind === "help") return message(TEAMS_HELP);
  const externalUserId = activity.from.aadObjectId ?? activity.from.id;
  if (!externalUserId) return refuse(400, "This message names no sender.");
  const who: ChatIdentity = {
    provider: "TEAMS",
    organizationId: workspace.organizationId,
    workspaceId: workspace.workspaceId,
    externalUserId,
    externalName: activity.from.name ?? null,
  };
  // "@Ripple link ABCD2345": the code the link page showed, sent back from this Teams account.
  const confirm = /^link\s+([A-Za-z0-9]{8})$/i.exec(intent.text);
  if (confirm) {
    const linked = await confirmTeamsLink(who, confirm[1]!).catch((error: unknown) => {
      const expected = asExpected(error);
      if (expected) return expected.message;
      throw error;
    });
    if (typeof linked === "string") return message(linked);
    if (!linked) return message("That code does not finish a link for this Teams account. Open the link from Ripple's answer again for a new code.");
    return message(
      linked.storyId
        ? `Your Teams account is linked, and what you saved is in Ripple: [grow the story](${publicUrl()}/stories/${linked.storyId}).`
        : "Your Teams account is linked: mention Ripple with what happened to save a learning moment.",
    );
  }
  // Teams' retries of a message carry its id: one story.
  const clientId = chatCaptureKey(["teams", workspace.workspaceId, externalUserId, activity.id]);
  let input = quickCaptureSchema.safeParse({ what: captureLine(intent.text), link: firstLink(intent.text), clientId });
  if (!input.success) input = quickCaptureSchema.safeParse({ what: captureLine(intent.text), clientId });
  if (!input.success) return message(input.error.issues[0]?.message ?? "Ripple could not read that.");
  const actor = await linkedActor(who);
  if (!actor) {
    const link = await createChatLinkRequest(who, input.data);
    return message(
      `Ripple does not know your Teams account yet. [Link it to your Ripple account](${publicUrl()}${chatLinkPath(link.token)}) (for ${CHAT_LINK_HOURS} hours): the page gives you a code to send back from this account, and what you saved goes through as soon as you do.`,
    );
  }
  try {
    const story = await quickCapture(actor, input.data);
    return message(`Saved to Ripple: “${input.data.what}”. [Grow the story](${publicUrl()}/stories/${story.id}) when you have a moment.`);
  } catch (error) {
    const expected = asExpected(error);
    if (expected) return message(expected.message);
    throw error;
  }
}
