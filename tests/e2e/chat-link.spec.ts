// Slack capture in the browser: an admin connects Slack under Admin › Chat, an unknown Slack user's
// signed `/ripple` gets a one-time link, the person opens it signed in and links their account,
// the waiting moment becomes their story; the link then refuses a second use, and the person can
// remove the link on their profile.
import { createHmac } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

const SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const TEAM = "T0E2ETEST";

async function slash(request: APIRequestContext, userId: string, text: string) {
  const body = new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEAM,
    team_domain: "e2e",
    channel_id: "C0E2E",
    channel_name: "general",
    user_id: userId,
    user_name: "ava.slack",
    command: "/ripple",
    text,
    api_app_id: "A0E2E",
    is_enterprise_install: "false",
    response_url: `https://hooks.slack.com/commands/${TEAM}/1/x`,
    trigger_id: `${Date.now()}.1.e2e`,
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = "v0=" + createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex");
  const response = await request.post("/api/slack/commands", {
    data: body,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { text: string }).text;
}

test("linking a Slack account: the admin connects Slack, the person links, the moment goes through, the link works once", async ({ browser, request }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, DEMO.admin);
  await admin.goto("/admin/chat");
  await expect(admin.getByRole("heading", { level: 1, name: "Chat" })).toBeVisible();
  const slack = admin.getByRole("form", { name: "Slack" });
  await slack.getByLabel("Workspace (team) id").fill(TEAM);
  await slack.getByLabel("Signing secret").fill(SECRET);
  // A token of another workspace is refused (Ripple asks Slack whose it is): no squatting a workspace id.
  await slack.getByLabel("Bot token").fill("xoxb-T0ELSEWHERE-1111-e2etokenvalue");
  await slack.getByRole("button", { name: "Connect Slack" }).click();
  await expect(slack.getByText("This bot token belongs to another Slack workspace (T0ELSEWHERE).").first()).toBeVisible();
  await expect(slack.getByLabel("Signing secret")).toHaveValue(SECRET);
  await slack.getByLabel("Bot token").fill(`xoxb-${TEAM}-1111-e2etokenvalue`);
  await slack.getByRole("button", { name: "Connect Slack" }).click();
  await expect(admin.getByText("Slack settings saved.")).toBeVisible();
  await admin.reload();
  // The secrets are never shown back; hints only.
  await expect(admin.getByText("Stored (…e8f9). Leave empty to keep it.")).toBeVisible();
  await expect(admin.getByText("Stored (…alue). Leave empty to keep it.")).toBeVisible();
  await expect(admin.locator(`input[value="${SECRET}"]`)).toHaveCount(0);
  await expectAccessible(admin);

  const reply = await slash(request, "U0AVAE2E", "Priya walked me through the on-call handbook");
  const link = /<(https?:\/\/[^|>]+\/chat-link\/[A-Za-z0-9_-]{43})\|/.exec(reply)?.[1];
  expect(link, reply).toBeTruthy();
  const path = new URL(link!).pathname;

  const page = await (await browser.newContext()).newPage();
  // Signed out: asked to sign in first.
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to link your chat account" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/sign-in?next=${encodeURIComponent(path)}`);
  await signInAs(page, DEMO.employee);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Link your Slack account" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Link my Slack account" }).click();
  await expect(page.getByText("Your Slack account is linked.")).toBeVisible();
  await page.getByRole("link", { name: "Grow the story" }).click();
  await expect(page.getByText("Priya walked me through the on-call handbook").first()).toBeVisible();

  // Once used, the link says so.
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "This link was used already" })).toBeVisible();

  // From now on Ava's captures are hers at once.
  const next = await slash(request, "U0AVAE2E", "Asked Marco how he plans sprints");
  expect(next).toMatch(/\/stories\/[0-9a-f-]{36}\|Grow the story/);

  // The profile lists the Slack account; removing it works.
  await page.goto("/profile");
  await expect(page.getByText("Slack · ava.slack")).toBeVisible();
  await page.getByRole("button", { name: "Remove Slack · ava.slack" }).click();
  await expect(page.getByText("None yet.")).toBeVisible();
});
