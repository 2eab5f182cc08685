import "server-only";
import { prisma } from "./client";
import { Prisma } from "./generated/client";
import { tenantKey } from "./keys";
import { auditFromActor, auditedWrite, type AuditEventInput } from "./audit";
import { assertCan } from "./access";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import type { Actor } from "@/lib/domain/actor";
import type { CapitalKind, Cycle } from "@/lib/domain/framework";
import { keyFromLabel, uniqueKey } from "@/lib/domain/org";
import { now } from "@/lib/platform/clock";
import type { OrgSettingsInput } from "@/lib/validation/admin";

/** The audit event of a settings change (recorded in the change's transaction by auditedWrite). */
function settingsChanged(actor: Actor, targetType: string, targetId: string, meta: Prisma.InputJsonValue): AuditEventInput {
  return { ...auditFromActor(actor), action: "settings.changed", targetType, targetId, meta };
}

export async function getOrgSettings(actor: Actor) {
  assertCan(actor, "admin.manage");
  const org = await prisma().organization.findUnique({
    where: { id: actor.organizationId },
    select: { id: true, name: true, defaultVisibility: true, reflectionDay: true, deactivatedStories: true },
  });
  if (!org) throw notFound();
  const [channels, indicators] = await Promise.all([
    prisma().channel.findMany({
      where: { organizationId: actor.organizationId },
      select: { id: true, key: true, label: true, sortOrder: true, retiredAt: true },
      orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
    }),
    prisma().indicator.findMany({
      where: { organizationId: actor.organizationId },
      select: { id: true, key: true, label: true, cycle: true, capitalKind: true, description: true, retiredAt: true },
      orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
    }),
  ]);
  return { ...org, channels, indicators };
}

export async function updateOrgSettings(actor: Actor, input: OrgSettingsInput) {
  assertCan(actor, "admin.manage");
  const before = await prisma().organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { defaultVisibility: true, reflectionDay: true, deactivatedStories: true },
  });
  // An array, so the order survives JSONB (which sorts object keys).
  const changes: { field: string; from: string | number; to: string | number }[] = [];
  for (const key of ["defaultVisibility", "reflectionDay", "deactivatedStories"] as const) {
    if (before[key] !== input[key]) changes.push({ field: key, from: before[key], to: input[key] });
  }
  if (!changes.length) return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await tx.organization.update({
      where: { id: actor.organizationId },
      data: { defaultVisibility: input.defaultVisibility, reflectionDay: input.reflectionDay, deactivatedStories: input.deactivatedStories },
    });
    await audit(settingsChanged(actor, "organization", actor.organizationId, { changes }));
  });
  return { changed: true };
}

// ---- Channels ------------------------------------------------------------------------------

async function orgChannel(actor: Actor, channelId: string) {
  const c = await prisma().channel.findFirst({
    where: { id: channelId, organizationId: actor.organizationId },
    select: { id: true, label: true, retiredAt: true },
  });
  if (!c) throw notFound();
  return c;
}

/**
 * Serialises the changes to one organisation's channels: two admins adding or renaming at the same
 * moment would otherwise both pass the label check (and pick different keys). Held to the end of
 * the transaction.
 */
async function lockChannels(tx: Prisma.TransactionClient, organizationId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"ripple.channels:" + organizationId}, 0))`;
}

async function assertChannelLabelFree(tx: Prisma.TransactionClient, actor: Actor, label: string, exceptId?: string) {
  // lower() = lower(), not Prisma's case-insensitive `equals` (ILIKE), which a label of "\\" alone broke (P2039).
  const clash = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Channel"
    WHERE "organizationId" = ${actor.organizationId}::uuid AND lower(label) = lower(${label})
      ${exceptId ? Prisma.sql`AND id <> ${exceptId}::uuid` : Prisma.empty}
    LIMIT 1`;
  if (clash.length) {
    const msg = "There is already a channel with this name.";
    throw new ExpectedError("conflict", msg, { label: [msg] });
  }
}

export async function addChannel(actor: Actor, label: string) {
  assertCan(actor, "admin.manage");
  return auditedWrite(async (tx, audit) => {
    await lockChannels(tx, actor.organizationId);
    await assertChannelLabelFree(tx, actor, label);
    const existing = await tx.channel.findMany({ where: { organizationId: actor.organizationId }, select: { key: true, sortOrder: true } });
    const key = uniqueKey(keyFromLabel(label), new Set(existing.map((c) => c.key)));
    const sortOrder = existing.reduce((max, c) => Math.max(max, c.sortOrder), -1) + 1;
    const channel = await tx.channel.create({ data: { organizationId: actor.organizationId, key, label, sortOrder }, select: { id: true, key: true } });
    await audit(settingsChanged(actor, "channel", channel.id, { item: "channel", change: "added", label }));
    return channel;
  });
}

export async function renameChannel(actor: Actor, channelId: string, label: string) {
  assertCan(actor, "admin.manage");
  const c = await orgChannel(actor, channelId);
  if (c.label === label) return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await lockChannels(tx, actor.organizationId);
    await assertChannelLabelFree(tx, actor, label, c.id);
    await tx.channel.update({ where: tenantKey(actor.organizationId, c.id), data: { label } });
    await audit(settingsChanged(actor, "channel", c.id, { field: "label", from: c.label, to: label }));
  });
  return { changed: true };
}

export async function retireChannel(actor: Actor, channelId: string) {
  assertCan(actor, "admin.manage");
  const c = await orgChannel(actor, channelId);
  if (c.retiredAt) return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await tx.channel.update({ where: tenantKey(actor.organizationId, c.id), data: { retiredAt: now() } });
    await audit(settingsChanged(actor, "channel", c.id, { item: "channel", change: "retired", label: c.label }));
  });
  return { changed: true };
}

export async function restoreChannel(actor: Actor, channelId: string) {
  assertCan(actor, "admin.manage");
  const c = await orgChannel(actor, channelId);
  if (!c.retiredAt) return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await tx.channel.update({ where: tenantKey(actor.organizationId, c.id), data: { retiredAt: null } });
    await audit(settingsChanged(actor, "channel", c.id, { item: "channel", change: "restored", label: c.label }));
  });
  return { changed: true };
}

export async function moveChannel(actor: Actor, channelId: string, direction: "up" | "down") {
  assertCan(actor, "admin.manage");
  const c = await orgChannel(actor, channelId);
  const all = await prisma().channel.findMany({
    where: { organizationId: actor.organizationId },
    select: { id: true },
    orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
  });
  const order = all.map((x) => x.id);
  const i = order.indexOf(c.id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= order.length) return { changed: false };
  [order[i], order[j]] = [order[j]!, order[i]!];
  await auditedWrite(async (tx, audit) => {
    for (const [index, id] of order.entries()) await tx.channel.update({ where: tenantKey(actor.organizationId, id), data: { sortOrder: index } });
    await audit(settingsChanged(actor, "channel", c.id, { item: "channel", change: direction === "up" ? "moved up" : "moved down", label: c.label }));
  });
  return { changed: true };
}

// ---- Indicators ----------------------------------------------------------------------------

async function orgIndicator(actor: Actor, indicatorId: string) {
  const ind = await prisma().indicator.findFirst({
    where: { id: indicatorId, organizationId: actor.organizationId },
    select: { id: true, label: true, retiredAt: true },
  });
  if (!ind) throw notFound();
  return ind;
}

export async function addIndicator(
  actor: Actor,
  input: { label: string; cycle: Cycle; capitalKind?: CapitalKind | null | undefined; description?: string | undefined },
) {
  assertCan(actor, "admin.manage");
  const existing = await prisma().indicator.findMany({
    where: { organizationId: actor.organizationId },
    select: { key: true, sortOrder: true, label: true, cycle: true },
  });
  if (existing.some((i) => i.cycle === input.cycle && i.label.toLowerCase() === input.label.toLowerCase())) {
    const msg = "This cycle already has an indicator with this name.";
    throw new ExpectedError("conflict", msg, { label: [msg] });
  }
  const key = uniqueKey(keyFromLabel(input.label), new Set(existing.map((i) => i.key)));
  const sortOrder = existing.reduce((max, i) => Math.max(max, i.sortOrder), -1) + 1;
  return auditedWrite(async (tx, audit) => {
    const indicator = await tx.indicator.create({
      data: {
        organizationId: actor.organizationId,
        key,
        label: input.label,
        cycle: input.cycle,
        capitalKind: input.capitalKind ?? null,
        description: input.description ?? "",
        sortOrder,
      },
      select: { id: true, key: true },
    });
    await audit(settingsChanged(actor, "indicator", indicator.id, { item: "indicator", change: "added", label: input.label }));
    return indicator;
  });
}

export async function renameIndicator(actor: Actor, indicatorId: string, label: string) {
  assertCan(actor, "admin.manage");
  const ind = await orgIndicator(actor, indicatorId);
  if (ind.label === label) return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await tx.indicator.update({ where: tenantKey(actor.organizationId, ind.id), data: { label } });
    await audit(settingsChanged(actor, "indicator", ind.id, { field: "label", from: ind.label, to: label }));
  });
  return { changed: true };
}

export async function retireIndicator(actor: Actor, indicatorId: string) {
  assertCan(actor, "admin.manage");
  const ind = await orgIndicator(actor, indicatorId);
  if (ind.retiredAt) return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await tx.indicator.update({ where: tenantKey(actor.organizationId, ind.id), data: { retiredAt: now() } });
    await audit(settingsChanged(actor, "indicator", ind.id, { item: "indicator", change: "retired", label: ind.label }));
  });
  return { changed: true };
}

export async function restoreIndicator(actor: Actor, indicatorId: string) {
  assertCan(actor, "admin.manage");
  const ind = await orgIndicator(actor, indicatorId);
  if (!ind.retiredAt) return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await tx.indicator.update({ where: tenantKey(actor.organizationId, ind.id), data: { retiredAt: null } });
    await audit(settingsChanged(actor, "indicator", ind.id, { item: "indicator", change: "restored", label: ind.label }));
  });
  return { changed: true };
}
