// `npm run bench:chat`: capture time from a signed Slack request to a stored story, on the
// embedded database (PGlite), through the real handler: the slash command's Request (signed,
// form-encoded as Slack sends it) in, the answer out, the story committed before it. Prints
// median and 95th percentile over many runs, and a Teams outgoing webhook's the same way.
import { createHmac } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "../lib/db/generated/client";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { installDatabase } from "../lib/db/registry";
import { applyMigrations } from "../lib/db/schema-engine";
import { createOrganizationWithAdmin } from "../lib/db/organizations";
import { loadActor } from "../lib/db/auth";
import { createChatLinkRequest, redeemChatLink, saveChatSettings } from "../lib/db/chat";
import { handleSlackCommand } from "../lib/server/chat/slack";
import { handleTeamsMessage } from "../lib/server/chat/teams";

const RUNS = Number(process.env.RUNS ?? 200);
const pg = new PGlite();
const factory = new PrismaPGlite(pg);
await applyMigrations(factory);
const prisma = new PrismaClient({ adapter: factory });
installDatabase({
  kind: "pglite",
  prisma,
  factory,
  close: async () => {
    await prisma.$disconnect();
    await pg.close();
  },
});

const created = await createOrganizationWithAdmin({ organizationName: "Bench", name: "Bench Person", email: "bench@bench.test", password: "bench-password" });
const actor = (await loadActor(created.userId, created.membershipId))!;
const SECRET = "8f742231b10e8888abcd99aaa00085a5";
const TOKEN = Buffer.from("0123456789abcdef0123456789abcdef");
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
await saveChatSettings(actor, "SLACK", { workspaceId: "T0BENCH", signingSecret: SECRET, botToken: "xoxb-0000-1111-benchtokenvalue" });
await saveChatSettings(actor, "TEAMS", { workspaceId: TENANT, signingSecret: TOKEN.toString("base64") });
for (const [provider, workspaceId, externalUserId] of [
  ["SLACK", "T0BENCH", "U0BENCH"],
  ["TEAMS", TENANT, "aad-bench"],
] as const) {
  const link = await createChatLinkRequest({ provider, organizationId: actor.organizationId, workspaceId, externalUserId }, null);
  await redeemChatLink(actor, link.token);
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms (n=${s.length})`;
}

const slack: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const body = new URLSearchParams({
    token: "x",
    team_id: "T0BENCH",
    team_domain: "bench",
    channel_id: "C0BENCH",
    channel_name: "general",
    user_id: "U0BENCH",
    user_name: "bench",
    command: "/ripple",
    text: `Moment ${i}: learned something from <https://wiki.example/${i}|the wiki>`,
    api_app_id: "A0BENCH",
    response_url: "https://hooks.slack.com/commands/T0BENCH/1/x",
    trigger_id: `${i}.1.bench`,
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = "v0=" + createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex");
  const request = new Request("http://localhost/api/slack/commands", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature },
  });
  const t = performance.now();
  const response = await handleSlackCommand(request);
  await response.text();
  slack.push(performance.now() - t);
  if (response.status !== 200) throw new Error(`Slack answered ${response.status}`);
}

const teams: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const body = JSON.stringify({
    type: "message",
    id: `bench-${i}`,
    text: `<at>Ripple</at> Moment ${i} from Teams`,
    from: { id: "29:1bench", name: "Bench", aadObjectId: "aad-bench" },
    conversation: { id: "19:bench", tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });
  const authorization = "HMAC " + createHmac("sha256", TOKEN).update(body).digest("base64");
  const request = new Request("http://localhost/api/teams/messages", { method: "POST", body, headers: { "content-type": "application/json", authorization } });
  const t = performance.now();
  const response = await handleTeamsMessage(request);
  await response.text();
  teams.push(performance.now() - t);
  if (response.status !== 200) throw new Error(`Teams answered ${response.status}`);
}
const stored = await prisma.story.count({ where: { organizationId: actor.organizationId } });
console.log(`PGlite, in-process (${RUNS} runs each; ${stored} stories stored):`);
console.log(`  Slack /ripple, signed request → story stored → answer: ${stats(slack)}`);
console.log(`  Teams webhook, signed request → story stored → answer: ${stats(teams)}`);
await prisma.$disconnect();
await pg.close();
