// The database itself keeps each organisation's rows apart: every reference from one tenant
// row to another is a foreign key that includes organizationId (migration
// "tenant_composite_keys"), so a row of organisation A that points at a story, a person, a
// cycle entry, a team, a tag or a channel of organisation B is refused, whatever code writes
// it. Each case writes the same row twice with raw SQL: pointing into B (refused, by that very
// key), then into A (accepted, so the refusal was the organisation and nothing else).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { makeMember, makeOrganization, makeTeam } from "../factories";
import { databaseRefusal } from "../support/assertions";

const prisma = () => getDatabase().prisma;

/** One organisation's parent rows, each a possible target of a reference. */
type Parents = {
  org: string;
  team: string;
  member: string;
  channel: string;
  tag: string;
  story: string;
  entry: string;
  reflection: string;
  followUp: string;
  outboundEvent: string;
  webhookEndpoint: string;
  apiToken: string;
};
type ParentKind = Exclude<keyof Parents, "org">;

async function parents(name: string): Promise<Parents> {
  const { admin, organizationId: org } = await makeOrganization(name);
  const team = await makeTeam(org);
  const channel = await prisma().channel.findFirstOrThrow({ where: { organizationId: org }, select: { id: true } });
  const tag = await prisma().tag.create({ data: { organizationId: org, name: `tag ${randomUUID()}` } });
  const story = await prisma().story.create({
    data: {
      organizationId: org,
      authorId: admin.membershipId,
      title: `${name}'s story`,
      occurredAt: new Date("2025-03-03T09:00:00Z"),
      visibility: "ORG",
      status: "PUBLISHED",
    },
  });
  const entry = await prisma().cycleEntry.create({ data: { organizationId: org, storyId: story.id, cycle: "IMMEDIATE" } });
  const reflection = await prisma().reflection.create({
    data: { organizationId: org, membershipId: admin.membershipId, weekStart: new Date("2025-03-03"), learned: "x" },
  });
  const followUp = await prisma().followUp.create({
    data: {
      organizationId: org,
      storyId: story.id,
      assigneeId: admin.membershipId,
      requestedById: admin.membershipId,
      dueAt: new Date("2025-03-10T09:00:00Z"),
    },
  });
  const outboundEvent = await prisma().outboundEvent.create({ data: { organizationId: org, type: "story.created", storyId: story.id, payload: {} } });
  const webhookEndpoint = await prisma().webhookEndpoint.create({
    data: { organizationId: org, url: "https://93.184.215.14/keys", events: ["story.created"], secret: "sealed" },
  });
  const apiToken = await prisma().apiToken.create({
    data: {
      organizationId: org,
      ownerId: admin.membershipId,
      name: "keys",
      prefix: "rpl_keys",
      tokenHash: randomUUID(),
      scopes: ["read"],
      expiresAt: new Date("2030-01-01T00:00:00Z"),
    },
  });
  return {
    org,
    outboundEvent: outboundEvent.id,
    webhookEndpoint: webhookEndpoint.id,
    apiToken: apiToken.id,
    team: team.id,
    member: admin.membershipId,
    channel: channel.id,
    tag: tag.id,
    story: story.id,
    entry: entry.id,
    reflection: reflection.id,
    followUp: followUp.id,
  };
}

let A: Parents;
let B: Parents;

beforeAll(async () => {
  A = await parents("Tenant A");
  B = await parents("Tenant B");
});

async function newUser(): Promise<string> {
  return (await prisma().user.create({ data: { email: `${randomUUID()}@tenant.test`, name: "Someone" } })).id;
}

/** A fresh story of A (for tables that allow one row per story and cycle). */
async function freshStory(p: Parents): Promise<string> {
  return (
    await prisma().story.create({
      data: { organizationId: p.org, authorId: p.member, title: "Another", occurredAt: new Date("2025-03-04T09:00:00Z"), visibility: "ORG" },
    })
  ).id;
}

/**
 * Each reference: the table, the column, what it points at, and a valid row of A in which that
 * column is taken from `target` (A's or B's parents) and every other reference from A.
 */
type Case = { table: string; column: string; points: ParentKind; row: (a: Parents, target: Parents) => Promise<Record<string, unknown>> };
const id = () => randomUUID();
const CASES: Case[] = [
  { table: "Team", column: "parentId", points: "team", row: async (a, t) => ({ id: id(), organizationId: a.org, name: `t ${id()}`, parentId: t.team }) },
  {
    table: "Membership",
    column: "teamId",
    points: "team",
    row: async (a, t) => ({ id: id(), organizationId: a.org, userId: await newUser(), teamId: t.team, updatedAt: new Date() }),
  },
  {
    table: "Membership",
    column: "managerId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, userId: await newUser(), managerId: t.member, updatedAt: new Date() }),
  },
  ...(["defaultChannelId", "lastChannelId"] as const).map((column): Case => ({
    table: "Membership",
    column,
    points: "channel",
    row: async (a, t) => ({ id: id(), organizationId: a.org, userId: await newUser(), updatedAt: new Date(), [column]: t.channel }),
  })),
  ...(["authorId", "highlightedById"] as const).map((column): Case => ({
    table: "Story",
    column,
    points: "member",
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      authorId: a.member,
      title: "s",
      occurredAt: new Date(),
      visibility: "ORG",
      updatedAt: new Date(),
      [column]: t.member,
    }),
  })),
  {
    table: "Story",
    column: "channelId",
    points: "channel",
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      authorId: a.member,
      title: "s",
      occurredAt: new Date(),
      visibility: "ORG",
      updatedAt: new Date(),
      channelId: t.channel,
    }),
  },
  {
    table: "CycleEntry",
    column: "storyId",
    points: "story",
    row: async (a, t) => ({ id: id(), organizationId: a.org, storyId: t === a ? await freshStory(a) : t.story, cycle: "APPLIED", updatedAt: new Date() }),
  },
  {
    table: "CycleEntry",
    column: "confirmedById",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, storyId: await freshStory(a), cycle: "REALIZED", confirmedById: t.member, updatedAt: new Date() }),
  },
  {
    table: "Evidence",
    column: "cycleEntryId",
    points: "entry",
    row: async (a, t) => ({ id: id(), organizationId: a.org, cycleEntryId: t.entry, kind: "LINK", url: "https://example.com/" }),
  },
  {
    table: "ExportFile",
    column: "requestedById",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, requestedById: t.member, role: "ADMIN", kind: "csv", filters: "{}", requestedAt: new Date() }),
  },
  {
    table: "Contributor",
    column: "storyId",
    points: "story",
    row: async (a, t) => ({ id: id(), organizationId: a.org, storyId: t.story, externalName: "Kim", insideOrg: false }),
  },
  {
    table: "Contributor",
    column: "membershipId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, storyId: a.story, membershipId: t.member, insideOrg: true }),
  },
  {
    table: "StoryTag",
    column: "storyId",
    points: "story",
    row: async (a, t) => ({ organizationId: a.org, storyId: t === a ? await freshStory(a) : t.story, tagId: a.tag }),
  },
  {
    table: "StoryTag",
    column: "tagId",
    points: "tag",
    row: async (a, t) => ({ organizationId: a.org, storyId: await freshStory(a), tagId: t.tag }),
  },
  {
    table: "Comment",
    column: "storyId",
    points: "story",
    row: async (a, t) => ({ id: id(), organizationId: a.org, storyId: t.story, authorId: a.member, body: "Hello" }),
  },
  {
    table: "Comment",
    column: "authorId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, storyId: a.story, authorId: t.member, body: "Hello" }),
  },
  {
    table: "StoryReading",
    column: "storyId",
    points: "story",
    row: async (a, t) => ({ id: id(), organizationId: a.org, storyId: t === a ? await freshStory(a) : t.story, reviewerId: a.member, updatedAt: new Date() }),
  },
  {
    table: "StoryReading",
    column: "reviewerId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, storyId: await freshStory(a), reviewerId: t.member, updatedAt: new Date() }),
  },
  {
    table: "Reflection",
    column: "membershipId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, membershipId: t.member, weekStart: new Date("2024-01-01"), updatedAt: new Date() }),
  },
  {
    table: "NudgeDelivery",
    column: "membershipId",
    points: "member",
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      membershipId: t.member,
      kind: "followUps",
      period: id().slice(0, 10),
      channel: "email",
      coveredUntil: new Date("2024-01-01"),
      messageId: "<m@test>",
      sentAt: new Date("2024-01-01"),
    }),
  },
  {
    table: "ReflectionDraft",
    column: "membershipId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, membershipId: t.member, weekStart: new Date("2024-01-01"), updatedAt: new Date() }),
  },
  ...(["storyId", "assigneeId", "requestedById"] as const).map((column): Case => ({
    table: "FollowUp",
    column,
    points: column === "storyId" ? "story" : "member",
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      storyId: a.story,
      assigneeId: a.member,
      requestedById: a.member,
      dueAt: new Date(),
      [column]: column === "storyId" ? t.story : t.member,
    }),
  })),
  ...(["recipientId", "actorId", "storyId"] as const).map((column): Case => ({
    table: "Notification",
    column,
    points: column === "storyId" ? "story" : "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, recipientId: a.member, kind: "comment", [column]: column === "storyId" ? t.story : t.member }),
  })),
  {
    table: "Notification",
    column: "followUpId",
    points: "followUp",
    // One notification per follow-up: A's case gets a follow-up of its own.
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      recipientId: a.member,
      kind: "question",
      followUpId:
        t === a
          ? (
              await prisma().followUp.create({
                data: { organizationId: a.org, storyId: a.story, assigneeId: a.member, requestedById: a.member, dueAt: new Date("2025-03-11T09:00:00Z") },
              })
            ).id
          : t.followUp,
    }),
  },
  ...(["storyId", "giverId"] as const).map((column): Case => ({
    table: "Acknowledgement",
    column,
    points: column === "storyId" ? "story" : "member",
    // One per story and giver: A's case thanks a fresh story.
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      storyId: column === "storyId" ? (t === a ? await freshStory(a) : t.story) : await freshStory(a),
      giverId: column === "giverId" ? t.member : a.member,
    }),
  })),
  ...(["teamId", "managerId", "createdById"] as const).map((column): Case => ({
    table: "Invite",
    column,
    points: column === "teamId" ? "team" : "member",
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      tokenHash: id(),
      createdById: a.member,
      expiresAt: new Date(),
      [column]: column === "teamId" ? t.team : t.member,
    }),
  })),
  {
    table: "ChatLink",
    column: "membershipId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, membershipId: t.member, provider: "SLACK", workspaceId: "T0KEYS", externalUserId: id() }),
  },
  {
    table: "ApiToken",
    column: "ownerId",
    points: "member",
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      ownerId: t.member,
      name: "t",
      prefix: "rpl_x",
      tokenHash: id(),
      scopes: ["read"],
      expiresAt: new Date(),
    }),
  },
  {
    table: "ApiIdempotency",
    column: "tokenId",
    points: "apiToken",
    row: async (a, t) => ({ id: id(), organizationId: a.org, tokenId: t.apiToken, key: id(), requestHash: "x" }),
  },
  {
    table: "ChatLinkRequest",
    column: "usedById",
    points: "member",
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      provider: "SLACK",
      workspaceId: "T0KEYS",
      externalUserId: id(),
      tokenHash: id(),
      expiresAt: new Date(),
      usedById: t.member,
    }),
  },
  ...(["eventId", "endpointId"] as const).map((column): Case => ({
    table: "OutboundDelivery",
    column,
    points: column === "eventId" ? "outboundEvent" : "webhookEndpoint",
    row: async (a, t) => ({
      id: id(),
      organizationId: a.org,
      target: "WEBHOOK",
      eventId: column === "eventId" ? t.outboundEvent : a.outboundEvent,
      endpointId: column === "endpointId" ? t.webhookEndpoint : a.webhookEndpoint,
      updatedAt: new Date(),
    }),
  })),
  {
    table: "ScimToken",
    column: "createdById",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, tokenHash: id(), prefix: "rscim_keys", createdById: t.member, createdAt: new Date() }),
  },
  {
    table: "ScimUser",
    column: "membershipId",
    points: "member",
    row: async (a, t) => ({ organizationId: a.org, membershipId: t.member, externalId: id() }),
  },
  {
    table: "ScimGroup",
    column: "teamId",
    points: "team",
    row: async (a, t) => ({ organizationId: a.org, teamId: t.team, externalId: id() }),
  },
  {
    table: "AuditEvent",
    column: "actorId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, action: "settings.changed", actorId: t.member }),
  },
  ...(["reflectionId", "storyId"] as const).map((column): Case => ({
    table: "ReflectionStory",
    column,
    points: column === "storyId" ? "story" : "reflection",
    // One link per reflection and story: A's case links a fresh story.
    row: async (a, t) => ({
      organizationId: a.org,
      reflectionId: column === "reflectionId" ? t.reflection : a.reflection,
      storyId: column === "storyId" ? (t === a ? await freshStory(a) : t.story) : await freshStory(a),
    }),
  })),
  {
    table: "Session",
    column: "membershipId",
    points: "member",
    row: async (a, t) => ({ id: id(), organizationId: a.org, userId: await newUser(), membershipId: t.member, createdAt: new Date(), expiresAt: new Date() }),
  },
  {
    table: "StoryRollup",
    column: "storyId",
    points: "story",
    // The triggers write a story's rollup row with the story: A's case takes a fresh story's place.
    row: async (a, t) => {
      const storyId = t === a ? await freshStory(a) : t.story;
      await prisma().storyRollup.deleteMany({ where: { organizationId: a.org, storyId } });
      return {
        organizationId: a.org,
        storyId,
        authorId: a.member,
        authorActive: true,
        visibility: "ORG",
        live: true,
        occurredAt: new Date(),
        month: new Date("2025-03-01"),
        week: new Date("2025-03-03"),
        highlighted: false,
        reached: 0,
        furthest: 0,
        indicatorMask: 0,
        inside: 0,
        outside: 0,
        strong: 0,
        weak: 0,
        crossTeam: 0,
      };
    },
  },
];

async function insert(table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await prisma().$executeRawUnsafe(
    `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`,
    ...Object.values(row),
  );
}

describe("a row cannot point into another organisation", () => {
  it.each(CASES.map((c) => [`${c.table}.${c.column}`, c] as const))("%s", async (_name, c) => {
    const constraint = `${c.table}_organizationId_${c.column}_fkey`;
    const cross = await databaseRefusal(insert(c.table, await c.row(A, B)));
    expect(cross).toEqual({ code: "23503", message: expect.stringContaining(`"${constraint}"`) });
    expect(await databaseRefusal(insert(c.table, await c.row(A, A)))).toBeNull();
  });

  it("every composite key of the migration is tried above", async () => {
    const keys = await prisma().$queryRaw<{ name: string }[]>`
      SELECT conname AS name FROM pg_constraint
      WHERE contype = 'f' AND array_length(conkey, 1) = 2 AND conname LIKE '%\\_organizationId\\_%\\_fkey' ESCAPE '\\'
      ORDER BY conname`;
    expect(keys.map((k) => k.name)).toEqual(CASES.map((c) => `${c.table}_organizationId_${c.column}_fkey`).sort());
  });

  it("no foreign key between two organisation-owned tables leaves organizationId out", async () => {
    // A new table or relation declared with a plain single-column key would be caught here.
    const plain = await prisma().$queryRaw<{ name: string }[]>`
      SELECT c.conname AS name FROM pg_constraint c
      WHERE c.contype = 'f'
        AND c.confrelid <> '"Organization"'::regclass
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'organizationId')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attname = 'organizationId')
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) AND a.attname = 'organizationId')
      ORDER BY 1`;
    expect(plain.map((p) => p.name)).toEqual([]);
  });

  it("re-pointing an existing row into another organisation is refused too", async () => {
    const comment = await prisma().comment.create({ data: { organizationId: A.org, storyId: A.story, authorId: A.member, body: "Mine" } });
    expect((await databaseRefusal(prisma().$executeRaw`UPDATE "Comment" SET "storyId" = ${B.story}::uuid WHERE id = ${comment.id}::uuid`))?.code).toBe("23503");
    expect((await databaseRefusal(prisma().$executeRaw`UPDATE "Membership" SET "managerId" = ${B.member}::uuid WHERE id = ${A.member}::uuid`))?.code).toBe(
      "23503",
    );
  });

  it("through Prisma as well: a reading of another organisation's story is refused", async () => {
    const reviewer = await makeMember(A.org, { role: "LND" });
    const error = await databaseRefusal(prisma().storyReading.create({ data: { organizationId: A.org, storyId: B.story, reviewerId: reviewer.membershipId } }));
    expect(error).toEqual({ code: "23503", message: expect.stringContaining('"StoryReading_organizationId_storyId_fkey"') });
    expect(await prisma().storyReading.count({ where: { storyId: B.story } })).toBe(0);
  });

  it("a reflection links only its own organisation's stories, through Prisma as well", async () => {
    const viaPrisma = await databaseRefusal(
      prisma().reflection.update({
        where: { organizationId_id: { organizationId: A.org, id: A.reflection } },
        data: { storyLinks: { create: [{ storyId: B.story }] } },
      }),
    );
    expect(viaPrisma).toEqual({ code: "23503", message: expect.stringContaining('"ReflectionStory_organizationId_storyId_fkey"') });
  });
});

describe("clearing a reference keeps the row in its organisation", () => {
  it("when a person, a team or a channel goes, only the reference is cleared (never organizationId)", async () => {
    const { admin, organizationId: org } = await makeOrganization("Leavers");
    const team = await makeTeam(org);
    const sub = await makeTeam(org, undefined, team.id);
    const boss = await makeMember(org, { role: "MANAGER", teamId: team.id });
    const report = await makeMember(org, { teamId: team.id, managerId: boss.membershipId });
    const channel = await prisma().channel.create({ data: { organizationId: org, key: "podcast", label: "Podcast" } });
    await prisma().membership.updateMany({ where: { id: report.membershipId }, data: { defaultChannelId: channel.id, lastChannelId: channel.id } });
    const story = await prisma().story.create({
      data: {
        organizationId: org,
        authorId: report.membershipId,
        title: "Heard it on a podcast",
        occurredAt: new Date("2025-03-03T09:00:00Z"),
        visibility: "ORG",
        status: "PUBLISHED",
        channelId: channel.id,
        highlightedAt: new Date("2025-03-04T09:00:00Z"),
        highlightedById: boss.membershipId,
      },
    });
    await prisma().cycleEntry.create({
      data: {
        organizationId: org,
        storyId: story.id,
        cycle: "REALIZED",
        figureValue: 5,
        figureUnit: "hours",
        confirmedById: boss.membershipId,
        confirmedAt: new Date("2025-03-05T09:00:00Z"),
      },
    });
    await prisma().contributor.create({ data: { organizationId: org, storyId: story.id, membershipId: boss.membershipId, insideOrg: true } });
    await prisma().notification.create({
      data: { organizationId: org, recipientId: report.membershipId, actorId: boss.membershipId, kind: "comment", storyId: story.id },
    });
    await prisma().invite.create({
      data: {
        organizationId: org,
        tokenHash: randomUUID(),
        createdById: admin.membershipId,
        managerId: boss.membershipId,
        teamId: team.id,
        expiresAt: new Date("2025-04-01T00:00:00Z"),
      },
    });
    await prisma().auditEvent.create({ data: { organizationId: org, actorId: boss.membershipId, action: "settings.changed" } });

    await prisma().membership.deleteMany({ where: { id: boss.membershipId } });
    await prisma().team.deleteMany({ where: { id: team.id } });
    await prisma().channel.deleteMany({ where: { id: channel.id } });

    const s = await prisma().story.findFirstOrThrow({ where: { id: story.id }, include: { entries: true, contributors: true, notifications: true } });
    expect({ org: s.organizationId, channel: s.channelId, highlightedBy: s.highlightedById }).toEqual({ org, channel: null, highlightedBy: null });
    expect(s.entries.map((e) => [e.organizationId, e.confirmedById])).toEqual([[org, null]]);
    expect(s.contributors.map((c) => [c.organizationId, c.membershipId])).toEqual([[org, null]]);
    expect(s.notifications.map((n) => [n.organizationId, n.actorId])).toEqual([[org, null]]);
    const r = await prisma().membership.findFirstOrThrow({ where: { id: report.membershipId } });
    expect([r.organizationId, r.managerId, r.teamId, r.defaultChannelId, r.lastChannelId]).toEqual([org, null, null, null, null]);
    expect(await prisma().team.findFirstOrThrow({ where: { id: sub.id }, select: { organizationId: true, parentId: true } })).toEqual({
      organizationId: org,
      parentId: null,
    });
    expect(await prisma().invite.findMany({ where: { organizationId: org }, select: { managerId: true, teamId: true } })).toEqual([
      { managerId: null, teamId: null },
    ]);
    expect(await prisma().auditEvent.findMany({ where: { organizationId: org, action: "settings.changed" }, select: { actorId: true } })).toEqual([
      { actorId: null },
    ]);
  });
});
