import "server-only";
import { LogLevel, WebClient, type Logger } from "@slack/web-api";
import { env } from "./env";
import { logger } from "./logger";

// Ripple's calls to Slack: the Web API through @slack/web-api (its client, not Bolt, which cannot
// run in Next.js route handlers), and replies to a request's response_url. The API's address is a
// setting (SLACK_API_URL) so that tests point it at a local stub. Tokens and message text are
// never logged: the client's own logger is quiet below errors, and errors are logged by their code.

const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (...msg: unknown[]) =>
    logger.warn(
      {
        slack: msg
          .filter((m) => typeof m === "string")
          .join(" ")
          .slice(0, 200),
      },
      "slack client error",
    ),
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A Web API client for a bot token. `timeoutMs` bounds each call (views.open must happen within Slack's 3 s). */
export function slackClient(botToken: string, opts: { timeoutMs?: number; retries?: number } = {}): WebClient {
  return new WebClient(botToken, {
    slackApiUrl: env().SLACK_API_URL,
    logger: quiet,
    timeout: opts.timeoutMs ?? 5000,
    retryConfig: { retries: opts.retries ?? 0 },
    // Never let a method name turn into a call to another host.
    allowAbsoluteUrls: false,
  });
}

export type SlackTokenCheck = { ok: true } | { ok: false; reason: "rejected" | "other_workspace" | "unreachable"; workspace?: string };

/**
 * Whether a bot token belongs to the workspace an admin names (Slack's `auth.test`): the proof
 * that whoever connects a workspace controls an app installed there, so that no organisation can
 * claim another's workspace id first. Enterprise Grid: the enterprise id counts as well.
 */
export async function checkSlackBotToken(botToken: string, workspaceId: string): Promise<SlackTokenCheck> {
  try {
    const answer = await slackClient(botToken, { timeoutMs: 4000 }).auth.test();
    const ids = [answer.team_id, answer.enterprise_id].filter((id): id is string => typeof id === "string" && id !== "");
    return ids.includes(workspaceId) ? { ok: true } : { ok: false, reason: "other_workspace", workspace: ids[0] };
  } catch (error) {
    const code = slackErrorCode(error);
    // Slack answered, and said no (invalid_auth, token_revoked, account_inactive, not_authed…).
    if ((error as { code?: unknown } | null)?.code === "slack_webapi_platform_error") return { ok: false, reason: "rejected" };
    logger.warn({ slack: code }, "slack auth.test failed");
    return { ok: false, reason: "unreachable" };
  }
}

/**
 * Whether Ripple may POST to this response_url: Slack's hooks host, or the host of SLACK_API_URL
 * (a test stub, a proxy). Anything else would let a signed but odd payload aim Ripple at any host.
 */
export function isSlackResponseUrl(url: string): boolean {
  try {
    const u = new URL(url);
    const api = new URL(env().SLACK_API_URL);
    return (u.protocol === "https:" && u.hostname === "hooks.slack.com") || (u.protocol === api.protocol && u.host === api.host);
  } catch {
    return false;
  }
}

/** Posts a message to a response_url (ephemeral by default). Throws on a refused or failed post (a job retries). */
export async function postToResponseUrl(url: string, message: Record<string, unknown>, timeoutMs = 5000): Promise<void> {
  if (!isSlackResponseUrl(url)) throw new Error("Not a Slack response_url");
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ response_type: "ephemeral", ...message }),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "error",
  });
  if (!response.ok) throw new Error(`Slack answered ${response.status} to the response_url`);
}

/** A Slack API error's code ("channel_not_found"), for logs, without anything else of the request. */
export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (data && typeof data.error === "string") return data.error;
  return (error as { code?: unknown } | null)?.code && typeof (error as { code: unknown }).code === "string" ? (error as { code: string }).code : "unknown";
}
