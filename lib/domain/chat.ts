// Chat capture (Slack, Microsoft Teams): turning what a person wrote in chat into quick capture's
// one line, and the idempotency key that makes a retried chat request store one story.
import { createHash } from "node:crypto";

export type ChatProviderName = "SLACK" | "TEAMS";

/** Quick capture's "what happened" holds at most this (lib/validation/story.ts). */
export const CAPTURE_MAX = 200;
/** How long a link offered to an unknown chat account works. */
export const CHAT_LINK_HOURS = 24;

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " " };
const decode = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m]!);

/**
 * Slack's message formatting as plain words: `<https://x|label>` → "label", `<https://x>` → the
 * address, `<@U123|ana>` → "@ana", `<#C1|general>` → "#general", `<!here>` → "@here", entities decoded.
 */
export function slackPlainText(text: string): string {
  const plain = text.replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (_m, target: string, label: string | undefined) => {
    if (target.startsWith("@") || target.startsWith("#")) return label ? `${target[0]}${label}` : target;
    if (target.startsWith("!")) return `@${(label ?? target.slice(1)).replace(/^subteam\^\w+$/, "team")}`;
    return label ?? target;
  });
  return decode(plain);
}

/** Teams' message HTML as plain words, without the mention of the webhook itself (`<at>Ripple</at>`). */
export function teamsPlainText(text: string): string {
  return decode(
    text
      .replace(/<at>[^<]*<\/at>/gi, " ")
      .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, " ")
      .replace(/<[^>]*>/g, ""),
  )
    .replace(/\s+/g, " ")
    .trim();
}

/** The first link in a text (Slack's `<https://…>` already made plain), or undefined. */
export function firstLink(text: string): string | undefined {
  return /https?:\/\/[^\s<>"]+/.exec(text)?.[0]?.replace(/[).,;:!?]+$/, "");
}

/**
 * One line, at most CAPTURE_MAX characters, for quick capture: whitespace collapsed; a longer text
 * is cut at a word boundary where there is one and ends with "…". The full text is not lost: the
 * person grows the story from the message's link.
 */
export function captureLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= CAPTURE_MAX) return line;
  const cut = line.slice(0, CAPTURE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return (space > CAPTURE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd() + "…";
}

/**
 * A UUID (version 8, RFC 9562) made from the parts that identify one chat request: the same parts,
 * the same key, so Slack's retries of a request (and a message saved twice) store one story
 * through quick capture's `clientId`.
 */
export function chatCaptureKey(parts: readonly string[]): string {
  const bytes = createHash("sha256")
    .update(JSON.stringify(["ripple.chat-capture", ...parts]), "utf8")
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a slash command's text asks for: help (empty, "help") or a capture. */
export function slashIntent(text: string): { kind: "help" } | { kind: "capture"; text: string } {
  const t = text.trim();
  return t === "" || /^help$/i.test(t) ? { kind: "help" } : { kind: "capture", text: t };
}

export const CHAT_HELP =
  "Save a learning moment to Ripple: `/ripple what happened` (one line; a link in it is kept). You can also use the message menu: “Save as learning moment”.";

/**
 * The Slack app manifest to paste into Slack (Create New App › From an app manifest), with this
 * Ripple's addresses: shown on Admin › Chat, and quoted in the README (a test keeps them equal).
 */
export function slackAppManifest(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `display_information:
  name: Ripple
  description: Save learning moments to Ripple
features:
  app_home:
    home_tab_enabled: false
    messages_tab_enabled: true
    messages_tab_read_only_enabled: true
  bot_user:
    display_name: Ripple
    always_online: false
  slash_commands:
    - command: /ripple
      url: ${base}/api/slack/commands
      description: Save a learning moment to Ripple
      usage_hint: what happened
      should_escape: false
  shortcuts:
    - name: Save as learning moment
      type: message
      callback_id: ripple_save_message
      description: Save this message to Ripple
    - name: Save to Ripple
      type: global
      callback_id: ripple_capture
      description: Save a learning moment to Ripple
oauth_config:
  scopes:
    bot:
      - commands
      - chat:write
settings:
  interactivity:
    is_enabled: true
    request_url: ${base}/api/slack/interactivity
  org_deploy_enabled: false
  socket_mode_enabled: false
  token_rotation_enabled: false
`;
}
