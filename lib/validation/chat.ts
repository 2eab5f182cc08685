// What Slack and Microsoft Teams send, as they send it (checked after the signature), and what an
// admin types to connect them. Only the fields Ripple uses are read; the rest is ignored.
import { z } from "zod";
import { text } from "./common";

/** Text from chat: normalised, NUL refused (lib/validation/common.ts), so what is accepted can be stored. */
const str = () => text("A field of the chat request");

const id = str().trim().min(1).max(64);
const userId = str().trim().min(1).max(128);
const name = str().max(200).optional();
/** Where replies to a request go: checked again before Ripple posts there (lib/platform/slack.ts: Slack's hooks host only). */
const responseUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  // WHATWG URL parsing keeps a NUL in the fragment; PostgreSQL's jsonb (the job's payload) cannot hold one.
  .regex(/^[^\u0000-\u001f\u007f]*$/)
  .optional()
  .catch(undefined);

/** A slash command: application/x-www-form-urlencoded fields. */
export const slackCommandSchema = z.object({
  team_id: id,
  user_id: userId,
  user_name: name,
  command: str().max(100),
  text: str().max(4000).default(""),
  response_url: responseUrl,
  trigger_id: str().min(1).max(200),
  channel_id: str().max(64).optional(),
});
export type SlackCommand = z.infer<typeof slackCommandSchema>;

const team = z.object({ id });
const user = z.object({ id: userId, username: name, name, team_id: str().max(64).optional() });

/** The message shortcut ("Save as learning moment"). */
export const slackMessageActionSchema = z.object({
  type: z.literal("message_action"),
  callback_id: str().max(255),
  trigger_id: str().max(200).optional(),
  team,
  user,
  channel: z.object({ id: str().min(1).max(64), name: str().max(200).optional() }),
  message_ts: str().min(1).max(40),
  message: z.object({ text: str().max(40000).default(""), ts: str().max(40).optional() }),
  response_url: responseUrl,
});

/** The global shortcut: opens the modal. */
export const slackShortcutSchema = z.object({
  type: z.literal("shortcut"),
  callback_id: str().max(255),
  trigger_id: str().min(1).max(200),
  team,
  user,
});

const inputValue = z.object({ value: str().max(4000).nullish(), selected_option: z.object({ value: str().max(100) }).nullish() });

/** The modal's "Save". */
export const slackViewSubmissionSchema = z.object({
  type: z.literal("view_submission"),
  team,
  user,
  view: z.object({
    id: str().min(1).max(64),
    callback_id: str().max(255),
    state: z.object({ values: z.record(str().max(255), z.record(str().max(255), inputValue)) }),
  }),
});

export const slackInteractionSchema = z.discriminatedUnion("type", [slackMessageActionSchema, slackShortcutSchema, slackViewSubmissionSchema]);
export type SlackInteraction = z.infer<typeof slackInteractionSchema>;

/** A Teams outgoing webhook's activity (Bot Framework schema). */
export const teamsActivitySchema = z.object({
  type: z.literal("message"),
  id: str().min(1).max(200),
  text: str().max(40000).default(""),
  // The sender Ripple stores (ChatLink.externalUserId, VARCHAR(128)): aadObjectId, else id; either must fit.
  from: z
    .object({ id: str().max(200), name: name.nullable(), aadObjectId: str().min(1).max(128).optional() })
    .refine((f) => (f.aadObjectId ?? f.id).length <= 128, "The sender's id is too long."),
  conversation: z.object({ id: str().max(500).optional(), tenantId: str().max(64).optional() }).optional(),
  channelData: z
    .object({ tenant: z.object({ id }).optional() })

    .optional(),
});
export type TeamsActivity = z.infer<typeof teamsActivitySchema>;

const secretField = (label: string, max: number) => text(label).trim().max(max, `${label} is at most ${max} characters.`);

/** An admin connecting Slack. An empty secret keeps the one already stored. */
export const slackSettingsSchema = z.object({
  workspaceId: text("The workspace id")
    .trim()
    .regex(/^[TE][A-Z0-9]{2,20}$/, "The workspace id starts with T (or E for Enterprise Grid) followed by capital letters and digits, e.g. T0123ABCD."),
  signingSecret: secretField("The signing secret", 200).refine(
    (v) => v === "" || /^[0-9a-f]{20,100}$/.test(v),
    "The signing secret is the hexadecimal text under Basic Information › App Credentials.",
  ),
  botToken: secretField("The bot token", 300).refine(
    (v) => v === "" || /^xoxb-[A-Za-z0-9-]{10,290}$/.test(v),
    "The bot token starts with xoxb- (OAuth & Permissions › Bot User OAuth Token).",
  ),
});

/** An admin connecting a Teams outgoing webhook. */
export const teamsSettingsSchema = z.object({
  workspaceId: text("The tenant id")
    .trim()
    .toLowerCase()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      "The tenant id is a GUID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47 (Microsoft Entra admin center › Overview).",
    ),
  signingSecret: secretField("The security token", 200).refine(
    (v) => v === "" || (/^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length >= 16),
    "The security token is the base64 text Teams showed when the outgoing webhook was created.",
  ),
});

export const chatProviderSchema = z.object({ provider: z.enum(["SLACK", "TEAMS"]) });
export const chatLinkIdSchema = z.object({ linkId: z.uuid() });
export const chatLinkTokenSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not complete. Open it again from the chat message."),
});
