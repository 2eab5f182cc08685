import "server-only";
import { prisma, type Prisma } from "./client";
import { tenantKey } from "./keys";
import { notFound, ExpectedError } from "@/lib/platform/errors";
import { ownStoryScope } from "./stories";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import type { Actor } from "@/lib/domain/actor";
import { emptyEntries, entryHasContent, followUpFulfilled, reachedCycles, sameStoryContent, type StoryDoc } from "@/lib/domain/story";
import { auditedWrite, auditFromActor } from "./audit";
import { notifyManagerOfShare } from "./sharing";
import { now } from "@/lib/platform/clock";

const editorSelect = {
  id: true,
  version: true,
  status: true,
  title: true,
  narrative: true,
  occurredAt: true,
  visibility: true,
  minutesInvested: true,
  minutesSaved: true,
  updatedAt: true,
  channel: { select: { key: true } },
  tags: { select: { tag: { select: { name: true } } } },
  contributors: { select: { membershipId: true, externalName: true, platform: true, insideOrg: true, tieStrength: true }, orderBy: { createdAt: "asc" } },
  entries: {
    select: {
      cycle: true,
      narrative: true,
      indicatorKeys: true,
      figureValue: true,
      figureUnit: true,
      recordedAt: true,
      evidence: { select: { id: true, kind: true, url: true, label: true, fileName: true, mimeType: true, sizeBytes: true }, orderBy: { createdAt: "asc" } },
    },
  },
} satisfies Prisma.StorySelect;

type EditorRow = Prisma.StoryGetPayload<{ select: typeof editorSelect }>;

export type EvidenceFile = { id: string; fileName: string; mimeType: string; sizeBytes: number };

function toDoc(row: EditorRow): StoryDoc {
  const entries = emptyEntries();
  for (const e of row.entries) {
    entries[e.cycle] = {
      narrative: e.narrative,
      indicators: e.indicatorKeys,
      figureValue: e.figureValue === null ? null : Number(e.figureValue),
      figureUnit: e.figureUnit ?? "",
      links: e.evidence.filter((ev) => ev.kind === "LINK" && ev.url).map((ev) => ({ url: ev.url!, label: ev.label ?? "" })),
    };
  }
  return {
    title: row.title,
    narrative: row.narrative,
    occurredOn: row.occurredAt.toISOString().slice(0, 10),
    channel: row.channel?.key ?? "",
    visibility: row.visibility,
    minutesInvested: row.minutesInvested,
    minutesSaved: row.minutesSaved,
    tags: row.tags.map((t) => t.tag.name).sort(),
    contributors: row.contributors.map((c) => ({
      membershipId: c.membershipId,
      name: c.externalName ?? "",
      platform: c.platform ?? "",
      insideOrg: c.insideOrg,
      tie: c.tieStrength,
    })),
    entries,
  };
}

function filesByCycle(row: EditorRow): Record<Cycle, EvidenceFile[]> {
  const out = Object.fromEntries(CYCLES.map((c) => [c, [] as EvidenceFile[]])) as Record<Cycle, EvidenceFile[]>;
  for (const e of row.entries)
    for (const ev of e.evidence)
      if (ev.kind === "FILE")
        out[e.cycle].push({ id: ev.id, fileName: ev.fileName ?? "file", mimeType: ev.mimeType ?? "application/octet-stream", sizeBytes: ev.sizeBytes ?? 0 });
  return out;
}

export type EditableStory = {
  id: string;
  version: number;
  status: "DRAFT" | "PUBLISHED";
  updatedAt: Date;
  doc: StoryDoc;
  files: Record<Cycle, EvidenceFile[]>;
  recordedAt: Partial<Record<Cycle, Date>>;
};

/** The author's own story as an editable document, or null. */
export async function getStoryForEditing(actor: Actor, storyId: string): Promise<EditableStory | null> {
  const row = await prisma().story.findFirst({ where: ownStoryScope(actor, storyId), select: editorSelect });
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    updatedAt: row.updatedAt,
    doc: toDoc(row),
    files: filesByCycle(row),
    recordedAt: Object.fromEntries(row.entries.map((e) => [e.cycle, e.recordedAt])),
  };
}

export type SaveResult =
  { status: "saved"; version: number; savedAt: Date } | { status: "conflict"; server: { version: number; doc: StoryDoc; updatedAt: Date } };

/**
 * Saves the whole document if nobody saved since `baseVersion` (optimistic concurrency).
 * Otherwise nothing is written: when the saved version holds the same content, the save counts
 * as done; else the saved version comes back, so the person can choose.
 */
export async function saveStoryDocument(actor: Actor, storyId: string, baseVersion: number, doc: StoryDoc): Promise<SaveResult> {
  const db = prisma();
  const org = actor.organizationId;
  const [channel, indicatorKeys, colleagues] = await Promise.all([
    doc.channel ? db.channel.findFirst({ where: { organizationId: org, key: doc.channel }, select: { id: true } }) : null,
    db.indicator.findMany({ where: { organizationId: org }, select: { key: true } }),
    db.membership.findMany({
      where: { organizationId: org, id: { in: doc.contributors.flatMap((c) => (c.membershipId ? [c.membershipId] : [])) } },
      select: { id: true },
    }),
  ]);
  if (doc.channel && !channel)
    throw new ExpectedError("invalid", "Choose where it happened from the list.", { channel: ["Choose where it happened from the list."] });
  const knownIndicators = new Set(indicatorKeys.map((i) => i.key));
  const knownColleagues = new Set(colleagues.map((c) => c.id));
  if (doc.contributors.some((c) => c.membershipId && !knownColleagues.has(c.membershipId))) {
    throw new ExpectedError("invalid", "Pick colleagues from your organisation.", { contributors: ["Pick colleagues from your organisation."] });
  }

  const result = await auditedWrite(async (tx, audit) => {
    const before = await tx.story.findFirst({ where: { ...ownStoryScope(actor, storyId), version: baseVersion }, select: { visibility: true, status: true } });
    if (!before) return null;
    const updated = await tx.story.updateMany({
      where: { ...ownStoryScope(actor, storyId), version: baseVersion },
      data: {
        title: doc.title,
        narrative: doc.narrative,
        occurredAt: new Date(`${doc.occurredOn}T12:00:00.000Z`),
        channelId: channel?.id ?? null,
        visibility: doc.visibility,
        minutesInvested: doc.minutesInvested,
        minutesSaved: doc.minutesSaved,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) return null;

    const existing = await tx.cycleEntry.findMany({
      where: { storyId, organizationId: org },
      select: { id: true, cycle: true, figureValue: true, figureUnit: true, evidence: { select: { id: true, kind: true, url: true, label: true } } },
    });
    const byCycle = new Map(existing.map((e) => [e.cycle, e]));
    for (const cycle of CYCLES) {
      const entry = doc.entries[cycle];
      const current = byCycle.get(cycle);
      const fileCount = current?.evidence.filter((e) => e.kind === "FILE").length ?? 0;
      if (!entryHasContent(entry, fileCount)) {
        if (current) await tx.cycleEntry.delete({ where: tenantKey(actor.organizationId, current.id) });
        continue;
      }
      const figureUnit = entry.figureValue === null ? null : entry.figureUnit || null;
      // A confirmation stands for the figure that was confirmed: changing it asks for a new one.
      const figureBefore = current?.figureValue === null || current?.figureValue === undefined ? null : Number(current.figureValue);
      const figureChanged = current !== undefined && (figureBefore !== entry.figureValue || (current.figureUnit ?? null) !== figureUnit);
      const data = {
        narrative: entry.narrative,
        indicatorKeys: entry.indicators.filter((k) => knownIndicators.has(k)),
        figureValue: entry.figureValue,
        figureUnit,
        ...(figureChanged ? { confirmedById: null, confirmedAt: null } : {}),
      };
      const saved = current
        ? await tx.cycleEntry.update({ where: tenantKey(actor.organizationId, current.id), data, select: { id: true } })
        : await tx.cycleEntry.create({ data: { ...data, organizationId: org, storyId, cycle, recordedAt: now() }, select: { id: true } });
      if (!current) {
        await audit({ ...auditFromActor(actor), action: "story.cycle_added", targetType: "story", targetId: storyId, meta: { cycle, cycleEntryId: saved.id } });
      }
      const currentLinks = current?.evidence.filter((e) => e.kind === "LINK") ?? [];
      const wanted = entry.links.map((l) => `${l.url}\n${l.label}`);
      const keep = new Set<string>();
      for (const link of currentLinks) {
        const key = `${link.url}\n${link.label ?? ""}`;
        if (wanted.includes(key) && !keep.has(key)) keep.add(key);
        else await tx.evidence.delete({ where: tenantKey(actor.organizationId, link.id) });
      }
      const toCreate = entry.links.filter((l) => !keep.has(`${l.url}\n${l.label}`));
      if (toCreate.length) {
        await tx.evidence.createMany({
          data: toCreate.map((l) => ({ organizationId: org, cycleEntryId: saved.id, kind: "LINK" as const, url: l.url, label: l.label || null })),
        });
      }
    }

    await tx.contributor.deleteMany({ where: { storyId, organizationId: org } });
    if (doc.contributors.length) {
      await tx.contributor.createMany({
        data: doc.contributors.map((c) => ({
          organizationId: org,
          storyId,
          membershipId: c.membershipId,
          externalName: c.membershipId ? null : c.name,
          platform: c.membershipId ? null : c.platform || null,
          insideOrg: c.membershipId ? true : c.insideOrg,
          tieStrength: c.tie,
        })),
      });
    }

    await tx.storyTag.deleteMany({ where: { storyId, organizationId: org } });
    for (const name of doc.tags) {
      const tag = await tx.tag.upsert({
        where: { organizationId_name: { organizationId: org, name } },
        create: { organizationId: org, name },
        update: {},
        select: { id: true },
      });
      await tx.storyTag.create({ data: { organizationId: org, storyId, tagId: tag.id } });
    }

    const reached = reachedCycles(doc.entries);
    const open = await tx.followUp.findMany({ where: { storyId, organizationId: org, doneAt: null }, select: { id: true, cycle: true } });
    const fulfilled = open.filter((f) => followUpFulfilled(f.cycle, reached)).map((f) => f.id);
    if (fulfilled.length) await tx.followUp.updateMany({ where: { id: { in: fulfilled } }, data: { doneAt: now() } });

    if (before.visibility !== doc.visibility) {
      await audit({
        ...auditFromActor(actor),
        action: "story.visibility_changed",
        targetType: "story",
        targetId: storyId,
        meta: { from: before.visibility, to: doc.visibility },
      });
      await notifyManagerOfShare(tx, actor, storyId, before, { status: before.status, visibility: doc.visibility });
    }
    return tx.story.findFirstOrThrow({ where: { id: storyId }, select: { version: true, updatedAt: true } });
  });

  if (result) return { status: "saved", version: result.version, savedAt: result.updatedAt };
  const server = await getStoryForEditing(actor, storyId);
  if (!server) throw notFound();
  // Saved meanwhile with this very content (a retried save, one sent by the page before it was
  // reloaded, an identical edit): nothing to write, and nothing to choose between.
  if (sameStoryContent(server.doc, doc)) return { status: "saved", version: server.version, savedAt: server.updatedAt };
  return { status: "conflict", server: { version: server.version, doc: server.doc, updatedAt: server.updatedAt } };
}

/** Shares a draft: from now on, the people its visibility names can see it. */
export async function setStoryStatus(actor: Actor, storyId: string, status: "DRAFT" | "PUBLISHED"): Promise<{ version: number }> {
  return auditedWrite(async (tx, audit) => {
    const before = await tx.story.findFirst({ where: ownStoryScope(actor, storyId), select: { status: true, visibility: true } });
    if (!before) throw notFound();
    const updated = await tx.story.updateMany({ where: ownStoryScope(actor, storyId), data: { status, version: { increment: 1 } } });
    if (updated.count === 0) throw notFound();
    const story = await tx.story.findFirstOrThrow({ where: ownStoryScope(actor, storyId), select: { version: true, visibility: true } });
    await audit({
      ...auditFromActor(actor),
      action: "story.visibility_changed",
      targetType: "story",
      targetId: storyId,
      meta: { status, visibility: story.visibility },
    });
    await notifyManagerOfShare(tx, actor, storyId, before, { status, visibility: story.visibility });
    return { version: story.version };
  });
}
