// Connecting Slack proves the workspace: Admin › Chat's action asks Slack (`auth.test`, a stub on
// 127.0.0.1 here) whom the bot token belongs to before anything is stored, so no organisation can
// claim another's workspace id first and block it. Refusals are clear, store nothing, and keep
// nothing half-written; a change of workspace needs that workspace's token.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/actor";
import { makeOrganization } from "../factories";
import { startSlackStub } from "../support/slack-stub";

vi.mock("@/lib/auth/session", () => import("../support/session"));
vi.mock("next/cache", () => import("../support/next-request"));

const SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
let stub: Awaited<ReturnType<typeof startSlackStub>>;
let m: { actions: typeof import("@/lib/actions/chat"); registry: typeof import("@/lib/db/registry"); session: typeof import("../support/session") };
let admin: Actor;
let organizationId: string;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const stored = () => m.registry.getDatabase().prisma.chatIntegration.findMany({ where: { organizationId }, select: { workspaceId: true } });
const authTests = () => stub.calls.filter((c) => c.method === "auth.test").length;

beforeAll(async () => {
  stub = await startSlackStub();
  vi.stubEnv("SLACK_API_URL", `${stub.url}/api/`);
  vi.resetModules();
  m = { actions: await import("@/lib/actions/chat"), registry: await import("@/lib/db/registry"), session: await import("../support/session") };
  ({ admin, organizationId } = await makeOrganization("Slack Connect Co"));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stub.close();
});

describe("connecting Slack", () => {
  it("refuses a token Slack does not accept, and one of another workspace, storing nothing", async () => {
    m.session.session.actor = admin;
    const save = m.actions.saveSlackSettingsAction;
    const before = authTests();
    const rejected = await save(null, form({ workspaceId: "T0SQUAT01", signingSecret: SECRET, botToken: "xoxb-not-a-real-token-000" }));
    expect(rejected).toMatchObject({ ok: false, code: "invalid", fieldErrors: { botToken: [expect.stringContaining("Slack did not accept this bot token")] } });
    // Another organisation's workspace id, with a token of the admin's own workspace: the squat.
    const squat = await save(null, form({ workspaceId: "T0SQUAT01", signingSecret: SECRET, botToken: "xoxb-T0MINE01-1111-abcdefghij" }));
    expect(squat).toMatchObject({ ok: false, code: "invalid" });
    expect(squat.ok ? "" : squat.message).toContain("belongs to another Slack workspace (T0MINE01)");
    expect(authTests() - before).toBe(2);
    expect(await stored()).toEqual([]);
  });

  it("connects when the token belongs to the workspace; a new workspace needs its own token", async () => {
    m.session.session.actor = admin;
    const save = m.actions.saveSlackSettingsAction;
    expect(await save(null, form({ workspaceId: "T0MINE01", signingSecret: SECRET, botToken: "xoxb-T0MINE01-1111-abcdefghij" }))).toMatchObject({ ok: true });
    expect(await stored()).toEqual([{ workspaceId: "T0MINE01" }]);
    // Moving to another workspace id with the stored token is not allowed: that workspace's token is asked for.
    const moved = await save(null, form({ workspaceId: "T0SQUAT01", signingSecret: "", botToken: "" }));
    expect(moved).toMatchObject({ ok: false, code: "invalid", fieldErrors: { botToken: [expect.stringContaining("bot token of this workspace")] } });
    expect(await stored()).toEqual([{ workspaceId: "T0MINE01" }]);
    // Changing only the signing secret asks Slack nothing and needs no token.
    const before = authTests();
    expect(await save(null, form({ workspaceId: "T0MINE01", signingSecret: "f".repeat(32), botToken: "" }))).toMatchObject({ ok: true });
    expect(authTests()).toBe(before);
  });

  it("says so when Slack cannot be reached, and stores nothing", async () => {
    m.session.session.actor = admin;
    await stub.close();
    const down = await m.actions.saveSlackSettingsAction(
      null,
      form({ workspaceId: "T0MINE02", signingSecret: SECRET, botToken: "xoxb-T0MINE02-1111-abcdefghij" }),
    );
    expect(down).toMatchObject({ ok: false, code: "invalid", message: expect.stringContaining("could not reach Slack") });
    expect(await stored()).toEqual([{ workspaceId: "T0MINE01" }]);
    stub = await startSlackStub(); // for afterAll
  });
});
