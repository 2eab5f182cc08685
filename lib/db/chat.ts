import "server-only";
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { prisma } from "./client";
import { tenantKey } from "./keys";
import { assertCan } from "./access";
import { auditFromActor, auditedWrite } from "./audit";
import { loadActor } from "./auth";
import { quickCapture } from "./stories";
import { Prisma, type ChatProvider } from "./generated/client";
import type { Actor } from "@/lib/domain/actor";
import { CHAT_LINK_HOURS } from "@/lib/domain/chat";
import { now } from "@/lib/platform/clock";
import { env, type Env } from "@/lib/platform/env";
import { ExpectedError, isUniqueViolation, notFound } from "@/lib/platform/errors";
import { open, seal, secretHint } from "@/lib/platform/sealed";
import { authSecret } from "@/lib/platform/secret";
import { quickCaptureSchema, type QuickCaptureInput } from "@/lib/validation/story";

// Chat capture's data: an organisation's Slack and Teams settings (secrets sealed at rest), the
// chat accounts linked to people, and the one-time links offered to accounts Ripple does not know.
// Requests from Slack or Teams name a workspace, not an organisation: `chatWorkspace` finds it.

export type { ChatProvider };

const purpose = (provider: ChatProvider, field: "signingSecret" | "botToken", organizationId: string) => `chat:${provider}:${field}:${organizationId}`;

/** The environment's single-organisation settings for a provider, or null when not (fully) set. */
function envSettings(provider: ChatProvider, e: Env = env()) {
  if (provider === "SLACK") {
    return e.SLACK_SIGNING_SECRET && e.SLACK_TEAM_ID
      ? { workspaceId: e.SLACK_TEAM_ID, signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN ?? null }
      : null;
  }
  return e.TEAMS_WEBHOOK_TOKEN && e.TEAMS_TENANT_ID
    ? { workspaceId: e.TEAMS_TENANT_ID.toLowerCase(), signingSecret: e.TEAMS_WEBHOOK_TOKEN, botToken: null }
    : null;
}

/** The organisation a single-organisation install's environment settings belong to: its only (non-demo) organisation. */
async function singleOrganization(): Promise<string | null> {
  const orgs = await prisma().organization.findMany({ where: { isDemo: false }, select: { id: true }, take: 2 });
  return orgs.length === 1 ? orgs[0]!.id : null;
}

export type ChatWorkspace = { organizationId: string; provider: ChatProvider; workspaceId: string; signingSecret: string; botToken: string | null };

/**
 * The organisation that connected this workspace, with its secrets opened, or null. An admin's
 * settings come first; the environment's apply to a single-organisation install whose
 * organisation has none of its own for the provider.
 */
export async function chatWorkspace(provider: ChatProvider, workspaceId: string): Promise<ChatWorkspace | null> {
  const rows = await prisma().chatIntegration.findMany({ where: { provider, workspaceId }, take: 2 });
  if (rows.length === 1) {
    const row = rows[0]!;
    const signingSecret = open(row.signingSecret, purpose(provider, "signingSecret", row.organizationId));
    if (signingSecret === null) return null;
    const botToken = row.botToken ? open(row.botToken, purpose(provider, "botToken", row.organizationId)) : null;
    return { organizationId: row.organizationId, provider, workspaceId, signingSecret, botToken };
  }
  if (rows.length > 1) return null;
  const fromEnv = envSettings(provider);
  if (!fromEnv || fromEnv.workspaceId !== workspaceId) return null;
  const organizationId = await singleOrganization();
  if (!organizationId) return null;
  if (await prisma().chatIntegration.findUnique({ where: { organizationId_provider: { organizationId, provider } }, select: { provider: true } })) return null;
  return { organizationId, provider, ...fromEnv };
}

/** What the admin page shows: ids, and hints of secrets (never the secrets). */
export async function getChatSettings(actor: Actor) {
  assertCan(actor, "admin.manage");
  const rows = await prisma().chatIntegration.findMany({ where: { organizationId: actor.organizationId } });
  const single = (await singleOrganization()) === actor.organizationId;
  const view = (provider: ChatProvider) => {
    const row = rows.find((r) => r.provider === provider);
    if (row) {
      return {
        source: "admin" as const,
        workspaceId: row.workspaceId,
        signingSecretHint: secretHint(open(row.signingSecret, purpose(provider, "signingSecret", row.organizationId))),
        botTokenHint: row.botToken ? secretHint(open(row.botToken, purpose(provider, "botToken", row.organizationId))) : null,
        updatedAt: row.updatedAt,
      };
    }
    const fromEnv = single ? envSettings(provider) : null;
    if (fromEnv)
      return {
        source: "environment" as const,
        workspaceId: fromEnv.workspaceId,
        signingSecretHint: secretHint(fromEnv.signingSecret),
        botTokenHint: secretHint(fromEnv.botToken),
        updatedAt: null,
      };
    return null;
  };
  return { slack: view("SLACK"), teams: view("TEAMS") };
}

export type ChatSettingsInput = { workspaceId: string; signingSecret: string; botToken?: string };

/**
 * Connects (or changes) a provider for the admin's organisation. An empty secret keeps the stored
 * one; a first connection needs them. The audit event names what changed, never a secret.
 */
export async function saveChatSettings(actor: Actor, provider: ChatProvider, input: ChatSettingsInput): Promise<{ changed: string[] }> {
  assertCan(actor, "admin.manage");
  const organizationId = actor.organizationId;
  return auditedWrite(async (tx, audit) => {
    // One writer per organisation and provider at a time, and the workspace check under it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`chat:${provider}:${input.workspaceId}`}, 0))`;
    const taken = await tx.chatIntegration.findFirst({
      where: { provider, workspaceId: input.workspaceId, NOT: { organizationId } },
      select: { organizationId: true },
    });
    if (taken) {
      throw new ExpectedError("conflict", "Another organisation in Ripple has connected this workspace already.", {
        workspaceId: ["Another organisation in Ripple has connected this workspace already."],
      });
    }
    const before = await tx.chatIntegration.findUnique({ where: { organizationId_provider: { organizationId, provider } } });
    const missing: Record<string, string[]> = {};
    if (!before && !input.signingSecret) missing.signingSecret = [provider === "SLACK" ? "Paste the signing secret." : "Paste the security token."];
    if (provider === "SLACK" && !before?.botToken && !input.botToken) missing.botToken = ["Paste the bot token."];
    // Another workspace is proven by its own bot token (the action checks it with Slack).
    else if (provider === "SLACK" && before && before.workspaceId !== input.workspaceId && !input.botToken)
      missing.botToken = ["Paste the bot token of this workspace's app: Ripple checks with Slack that it belongs to the workspace."];
    if (Object.keys(missing).length) throw new ExpectedError("invalid", "Some settings are missing.", missing);
    const changed: string[] = [];
    if (before?.workspaceId !== input.workspaceId) changed.push("workspaceId");
    if (input.signingSecret) changed.push(provider === "SLACK" ? "signingSecret" : "securityToken");
    if (input.botToken) changed.push("botToken");
    if (!changed.length) return { changed };
    const data = {
      workspaceId: input.workspaceId,
      ...(input.signingSecret ? { signingSecret: seal(input.signingSecret, purpose(provider, "signingSecret", organizationId)) } : {}),
      ...(input.botToken ? { botToken: seal(input.botToken, purpose(provider, "botToken", organizationId)) } : {}),
    };
    await tx.chatIntegration.upsert({
      where: { organizationId_provider: { organizationId, provider } },
      create: { organizationId, provider, signingSecret: "", ...data },
      update: data,
    });
    await audit({
      ...auditFromActor(actor),
      action: "chat.connected",
      targetType: "chat",
      targetId: provider,
      meta: { provider, workspaceId: input.workspaceId, changed },
    });
    return { changed };
  });
}

export async function disconnectChat(actor: Actor, provider: ChatProvider): Promise<void> {
  assertCan(actor, "admin.manage");
  await auditedWrite(async (tx, audit) => {
    const { count } = await tx.chatIntegration.deleteMany({ where: { organizationId: actor.organizationId, provider } });
    if (count) await audit({ ...auditFromActor(actor), action: "chat.disconnected", targetType: "chat", targetId: provider, meta: { provider } });
  });
}

export type ChatIdentity = {
  provider: ChatProvider;
  organizationId: string;
  workspaceId: string;
  externalUserId: string;
  externalName?: string | null | undefined;
};

/** The person this chat account is linked to (active members only), or null. */
export async function linkedActor(who: ChatIdentity): Promise<Actor | null> {
  const link = await prisma().chatLink.findUnique({
    where: {
      organizationId_provider_workspaceId_externalUserId: {
        organizationId: who.organizationId,
        provider: who.provider,
        workspaceId: who.workspaceId,
        externalUserId: who.externalUserId,
      },
    },
    select: { membership: { select: { id: true, userId: true } } },
  });
  return link ? loadActor(link.membership.userId, link.membership.id) : null;
}

export function hashChatLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function chatLinkPath(token: string): string {
  return `/chat-link/${token}`;
}

/**
 * The token of a link request's address: derived from its id with the app secret (HMAC-SHA-256),
 * so a job can write the link again (a reply sent after the answer) while only its hash is stored.
 */
export function chatLinkToken(requestId: string): string {
  return createHmac("sha256", authSecret()).update(`ripple-chat-link:${requestId}`, "utf8").digest("base64url");
}

/**
 * A one-time link for an unknown chat account, carrying the capture it tried (quick capture's
 * input, checked again when it goes through). Only the SHA-256 of the token is stored.
 */
export async function createChatLinkRequest(who: ChatIdentity, pending: QuickCaptureInput | null): Promise<{ id: string; token: string; expiresAt: Date }> {
  const id = randomUUID();
  const token = chatLinkToken(id);
  const at = now();
  const expiresAt = new Date(at.getTime() + CHAT_LINK_HOURS * 3600_000);
  await prisma().chatLinkRequest.create({
    data: {
      id,
      organizationId: who.organizationId,
      provider: who.provider,
      workspaceId: who.workspaceId,
      externalUserId: who.externalUserId,
      externalName: who.externalName?.slice(0, 200) ?? null,
      tokenHash: hashChatLinkToken(token),
      // JSON as stored (no undefined members, which Prisma refuses in a Json value); absent: none.
      ...(pending ? { pendingCapture: JSON.parse(JSON.stringify(pending)) as object } : {}),
      createdAt: at,
      expiresAt,
    },
  });
  return { id, token, expiresAt };
}

/** How long a link request is kept after it expired (its page can still say "expired"), before it is forgotten. */
export const CHAT_LINK_RETENTION_DAYS = 7;

/**
 * The maintenance sweep: forgets link requests that expired more than CHAT_LINK_RETENTION_DAYS
 * ago, with the capture an unknown chat account left in them (words of someone who never linked
 * are not kept for ever). Returns how many it deleted.
 */
export async function pruneChatLinkRequests(): Promise<number> {
  const before = new Date(now().getTime() - CHAT_LINK_RETENTION_DAYS * 86_400_000);
  const { count } = await prisma().chatLinkRequest.deleteMany({ where: { expiresAt: { lt: before } } });
  return count;
}

/** The token of a link request that can still be used (for a reply sent later), or null. */
export async function usableChatLinkToken(organizationId: string, requestId: string): Promise<string | null> {
  const request = await prisma().chatLinkRequest.findUnique({
    where: tenantKey(organizationId, requestId),
    select: { tokenHash: true, usedAt: true, expiresAt: true },
  });
  if (!request || request.usedAt || request.expiresAt <= now()) return null;
  const token = chatLinkToken(requestId);
  return hashChatLinkToken(token) === request.tokenHash ? token : null;
}

/** The channels a capture from chat may name (the modal's list), in their order. */
export function captureChannels(organizationId: string) {
  return prisma().channel.findMany({
    where: { organizationId, retiredAt: null },
    select: { key: true, label: true },
    orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
    take: 100,
  });
}

/** The captured line of a person's story (for a reply sent by a job), or null when it is gone. */
export async function capturedStory(actor: Actor, storyId: string): Promise<{ id: string; title: string } | null> {
  return prisma().story.findFirst({
    where: { organizationId: actor.organizationId, id: storyId, authorId: actor.membershipId, deletedAt: null },
    select: { id: true, title: true },
  });
}

/** A member's linked Slack accounts, newest first (direct messages go to them). */
export function slackAccountsOf(organizationId: string, membershipId: string) {
  return prisma().chatLink.findMany({
    where: { organizationId, membershipId, provider: "SLACK" },
    select: { workspaceId: true, externalUserId: true },
    orderBy: { createdAt: "desc" },
  });
}

/** The actor of a member (active), by organisation and membership: what a job acts as. */
export async function memberActor(organizationId: string, membershipId: string): Promise<Actor | null> {
  const m = await prisma().membership.findUnique({ where: tenantKey(organizationId, membershipId), select: { userId: true } });
  return m ? loadActor(m.userId, membershipId) : null;
}

export type ChatLinkPreview =
  { status: "ready"; provider: ChatProvider; externalName: string | null; hasCapture: boolean } | { status: "used" | "expired" | "unknown" };

/** What the link page shows before the person confirms; a link of another organisation is "unknown" to them. */
export async function previewChatLink(actor: Actor, token: string): Promise<ChatLinkPreview> {
  const request = await prisma().chatLinkRequest.findFirst({ where: { tokenHash: hashChatLinkToken(token) } });
  if (!request || request.organizationId !== actor.organizationId) return { status: "unknown" };
  if (request.usedAt) return { status: "used" };
  if (request.expiresAt <= now()) return { status: "expired" };
  return { status: "ready", provider: request.provider, externalName: request.externalName, hasCapture: request.pendingCapture !== null };
}

export type ChatLinkOutcome =
  | { status: "linked"; provider: ChatProvider; storyId: string | null }
  /** Teams: the person sends "@Ripple link <code>" from the Teams account to finish. */
  | { status: "confirm"; provider: ChatProvider; code: string };

type ChatLinkRequestRow = Prisma.ChatLinkRequestGetPayload<object>;

const OTHER_ORG =
  "This link is not one of your organisation's. Sign in with the Ripple account of the organisation the chat belongs to, or ask for a new link from the chat.";
const USED = "This link was used already. Each link works once: use Ripple from the chat again for a new one.";
const EXPIRED = `This link has expired (links work for ${CHAT_LINK_HOURS} hours). Use Ripple from the chat again for a new one.`;
const TAKEN = "This chat account is linked to another person in Ripple. They can remove the link on their profile first.";

/** The link of a request's chat account, if it has one (to whomever). */
function existingLink(tx: Prisma.TransactionClient, found: ChatLinkRequestRow) {
  return tx.chatLink.findUnique({
    where: {
      organizationId_provider_workspaceId_externalUserId: {
        organizationId: found.organizationId,
        provider: found.provider,
        workspaceId: found.workspaceId,
        externalUserId: found.externalUserId,
      },
    },
    select: { id: true, membershipId: true },
  });
}

/** Whether the chat account of a request is linked to someone other than `membershipId`. */
async function linkedToAnother(tx: Prisma.TransactionClient, found: ChatLinkRequestRow, membershipId: string): Promise<boolean> {
  const existing = await existingLink(tx, found);
  return existing !== null && existing.membershipId !== membershipId;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * The code that finishes a Teams link claimed by `membershipId`: derived (HMAC-SHA-256 with the
 * app secret) from the request and the person who claimed it, 8 characters. A Teams reply is
 * posted in the channel, so anyone there can open the link; only the Teams account the link was
 * made for can send the code back, and a code finishes the link only for the person it was shown to.
 */
export function teamsConfirmCode(requestId: string, membershipId: string): string {
  const digest = createHmac("sha256", authSecret()).update(`ripple-chat-confirm:${requestId}:${membershipId}`, "utf8").digest();
  let code = "";
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[digest[i]! % CODE_ALPHABET.length];
  return code;
}

/**
 * Uses a link. Slack (the link came in a message only that person sees): the chat account becomes
 * the signed-in person's, the link is spent, and the capture that waited goes through as theirs
 * (quick capture, idempotent by its clientId). Teams (the link was posted in a channel): the
 * person claims it and gets a code to send from the Teams account (confirmTeamsLink), which
 * finishes it. A link of another organisation, a spent or expired link, or a chat account already
 * linked to someone else is refused with words the page shows.
 */
export async function redeemChatLink(actor: Actor, token: string): Promise<ChatLinkOutcome> {
  const at = now();
  const hash = hashChatLinkToken(token);
  const found = await prisma().chatLinkRequest.findFirst({ where: { tokenHash: hash } });
  if (!found || found.organizationId !== actor.organizationId) throw new ExpectedError("not_found", OTHER_ORG);
  if (found.provider !== "TEAMS") return completeChatLink(actor, found.id, at);
  return auditedWrite(async (tx) => {
    // The last person to open it holds the claim; only their code, sent from the Teams account, finishes it.
    const claimed = await tx.chatLinkRequest.updateMany({
      where: { organizationId: found.organizationId, id: found.id, usedAt: null, expiresAt: { gt: at } },
      data: { usedById: actor.membershipId },
    });
    if (!claimed.count) throw new ExpectedError("conflict", found.usedAt ? USED : EXPIRED);
    if (await linkedToAnother(tx, found, actor.membershipId)) throw new ExpectedError("conflict", TAKEN);
    return { status: "confirm" as const, provider: found.provider, code: teamsConfirmCode(found.id, actor.membershipId) };
  });
}

/**
 * A Teams account sends "@Ripple link <code>": finishes the newest link request of that account
 * whose claimer's code it is. Null when no request matches (a wrong, spent or expired code).
 */
export async function confirmTeamsLink(who: ChatIdentity, code: string): Promise<(ChatLinkOutcome & { status: "linked" }) | null> {
  const at = now();
  const claims = await prisma().chatLinkRequest.findMany({
    where: {
      organizationId: who.organizationId,
      provider: "TEAMS",
      workspaceId: who.workspaceId,
      externalUserId: who.externalUserId,
      usedAt: null,
      usedById: { not: null },
      expiresAt: { gt: at },
    },
    select: { id: true, usedById: true },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  const given = Buffer.from(code.toUpperCase(), "utf8");
  const match = claims.find((c) => {
    const expected = Buffer.from(teamsConfirmCode(c.id, c.usedById!), "utf8");
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!match) return null;
  const actor = await memberActor(who.organizationId, match.usedById!);
  if (!actor) return null;
  return completeChatLink(actor, match.id, at, match.usedById!);
}

/** Spends a request for `actor` (for Teams: only the claim of `claimedBy`), links the chat account, and lets the waiting capture through. */
async function completeChatLink(actor: Actor, requestId: string, at: Date, claimedBy?: string): Promise<ChatLinkOutcome & { status: "linked" }> {
  const request = await auditedWrite(async (tx, audit) => {
    const found = await tx.chatLinkRequest.findUnique({ where: tenantKey(actor.organizationId, requestId) });
    if (!found) throw new ExpectedError("not_found", OTHER_ORG);
    // Spend it first, conditionally: of two people opening it at once, one gets it.
    const spent = await tx.chatLinkRequest.updateMany({
      where: { organizationId: found.organizationId, id: found.id, usedAt: null, expiresAt: { gt: at }, ...(claimedBy ? { usedById: claimedBy } : {}) },
      // The capture that waited goes through below from `found`: the row keeps no copy of it.
      data: { usedAt: at, usedById: actor.membershipId, pendingCapture: Prisma.DbNull },
    });
    if (!spent.count) throw new ExpectedError("conflict", found.usedAt ? USED : EXPIRED);
    const existing = await existingLink(tx, found);
    if (existing && existing.membershipId !== actor.membershipId) throw new ExpectedError("conflict", TAKEN);
    if (!existing) {
      try {
        await tx.chatLink.create({
          data: {
            organizationId: found.organizationId,
            membershipId: actor.membershipId,
            provider: found.provider,
            workspaceId: found.workspaceId,
            externalUserId: found.externalUserId,
            externalName: found.externalName,
            createdAt: at,
          },
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ExpectedError("conflict", "This chat account was linked a moment ago. Use Ripple from the chat again.");
        throw error;
      }
      await audit({
        ...auditFromActor(actor),
        action: "chat.linked",
        targetType: "chat",
        targetId: found.provider,
        meta: { provider: found.provider, workspaceId: found.workspaceId },
      });
    }
    return found;
  });
  let storyId: string | null = null;
  const pending = quickCaptureSchema.safeParse(request.pendingCapture ?? undefined);
  if (request.pendingCapture !== null && pending.success) storyId = (await quickCapture(actor, pending.data)).id;
  return { status: "linked", provider: request.provider, storyId };
}

export async function listMyChatLinks(actor: Actor) {
  return prisma().chatLink.findMany({
    where: { organizationId: actor.organizationId, membershipId: actor.membershipId },
    select: { id: true, provider: true, workspaceId: true, externalName: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function removeMyChatLink(actor: Actor, linkId: string): Promise<void> {
  await auditedWrite(async (tx, audit) => {
    const link = await tx.chatLink.findFirst({
      where: { organizationId: actor.organizationId, id: linkId, membershipId: actor.membershipId },
      select: { provider: true },
    });
    if (!link) throw notFound();
    await tx.chatLink.delete({ where: tenantKey(actor.organizationId, linkId) });
    await audit({ ...auditFromActor(actor), action: "chat.unlinked", targetType: "chat", targetId: link.provider, meta: { provider: link.provider } });
  });
}
