// Quick capture is idempotent: the page names each moment with an id it keeps across retries,
// and a retried submission (its answer lost to a crash, a dropped connection or a reload) finds
// the story the first one stored. The audit event is written in the same transaction.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { reportTrends } from "@/lib/db/reports";
import { getStoryForViewer, listMyStories, quickCapture } from "@/lib/db/stories";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization } from "../factories";

const db = () => getDatabase().prisma;
const capture = (what: string, clientId: string) => quickCaptureSchema.parse({ what, channel: "social", clientId });

async function stored(organizationId: string, title: string) {
  const stories = await db().story.findMany({
    where: { organizationId, title },
    select: { id: true, authorId: true, clientId: true, entries: { select: { cycle: true } } },
  });
  const audits = await db().auditEvent.findMany({
    where: { organizationId, action: "story.created", targetId: { in: stories.map((s) => s.id) } },
    select: { targetId: true },
  });
  return { stories, audits };
}

describe("quick capture: one story per submission, however often it is retried", () => {
  it("a retry with the same id returns the story the first submission stored", async () => {
    const { admin, organizationId } = await makeOrganization();
    const clientId = randomUUID();
    const first = await quickCapture(admin, capture("Asked the forum about flaky builds", clientId));
    const retry = await quickCapture(admin, capture("Asked the forum about flaky builds", clientId));
    expect(retry.id).toBe(first.id);
    const { stories, audits } = await stored(organizationId, "Asked the forum about flaky builds");
    expect(stories).toEqual([{ id: first.id, authorId: admin.membershipId, clientId, entries: [{ cycle: "IMMEDIATE" }] }]);
    expect(audits).toEqual([{ targetId: first.id }]);
  });

  it("a retry carrying corrected words gives them to the story while it is as captured, and never once it was edited", async () => {
    const { admin, organizationId } = await makeOrganization();
    const clientId = randomUUID();
    const first = await quickCapture(admin, capture("Asked teh forum", clientId));
    const retry = await quickCapture(
      admin,
      quickCaptureSchema.parse({ what: "Asked the forum", channel: "colleague", link: "https://example.org/thread", clientId }),
    );
    expect(retry.id).toBe(first.id);
    const story = await db().story.findFirstOrThrow({
      where: { id: first.id },
      select: { title: true, version: true, channel: { select: { key: true } }, entries: { select: { narrative: true, evidence: { select: { url: true } } } } },
    });
    expect(story).toEqual({
      title: "Asked the forum",
      version: 1,
      channel: { key: "colleague" },
      entries: [{ narrative: "Asked the forum", evidence: [{ url: "https://example.org/thread" }] }],
    });
    expect((await stored(organizationId, "Asked the forum")).audits).toHaveLength(1);

    // Once edited (a save bumps the version), a late retry changes nothing.
    await db().story.updateMany({ where: { id: first.id }, data: { title: "Edited in the editor", version: 2 } });
    await quickCapture(admin, capture("A stale retry", clientId));
    expect((await db().story.findFirstOrThrow({ where: { id: first.id } })).title).toBe("Edited in the editor");
    expect(await db().story.count({ where: { organizationId } })).toBe(1);
  });

  it("simultaneous submissions with the same id store one story and one audit event", async () => {
    const { admin, organizationId } = await makeOrganization();
    const clientId = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => quickCapture(admin, capture("Pair review tip from Priya", clientId))));
    const { stories, audits } = await stored(organizationId, "Pair review tip from Priya");
    expect(stories).toHaveLength(1);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([stories[0]!.id]));
    expect(audits).toHaveLength(1);
  });

  it("different ids are different moments, even with the same words", async () => {
    const { admin, organizationId } = await makeOrganization();
    const [a, b] = await Promise.all([quickCapture(admin, capture("Same words", randomUUID())), quickCapture(admin, capture("Same words", randomUUID()))]);
    expect(a.id).not.toBe(b.id);
    expect((await stored(organizationId, "Same words")).stories).toHaveLength(2);
  });

  it("an id is one person's: a colleague or another organisation using it gets a story of their own", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId);
    const other = await makeOrganization("Other");
    const clientId = randomUUID();
    const mine = await quickCapture(admin, capture("Shared id", clientId));
    const theirs = await quickCapture(colleague, capture("Shared id", clientId));
    const elsewhere = await quickCapture(other.admin, capture("Shared id", clientId));
    expect(new Set([mine.id, theirs.id, elsewhere.id]).size).toBe(3);
    expect((await stored(organizationId, "Shared id")).stories.map((s) => s.authorId).sort()).toEqual([admin.membershipId, colleague.membershipId].sort());
  });

  it("a capture whose audit event cannot be written stores nothing, and its retry then stores it once", async () => {
    const { admin, organizationId } = await makeOrganization();
    // Make the audit insert fail for this organisation only (other test files may share the database).
    await db().$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$`,
    );
    const trigger = `test_refuse_audit_${organizationId.replace(/-/g, "")}`;
    await db().$executeRawUnsafe(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON "AuditEvent" FOR EACH ROW WHEN (NEW."organizationId" = '${organizationId}'::uuid) EXECUTE FUNCTION test_refuse_audit()`,
    );
    const clientId = randomUUID();
    try {
      await expect(quickCapture(admin, capture("Half-done capture", clientId))).rejects.toThrow();
      expect((await stored(organizationId, "Half-done capture")).stories).toEqual([]);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER ${trigger} ON "AuditEvent"`);
    }
    const retried = await quickCapture(admin, capture("Half-done capture", clientId));
    const { stories, audits } = await stored(organizationId, "Half-done capture");
    expect(stories.map((s) => s.id)).toEqual([retried.id]);
    expect(audits).toHaveLength(1);
  });

  it("with no channel chosen, the moment is stored with none (not said yet), and reports count it apart", async () => {
    const { admin, organizationId } = await makeOrganization();
    const { id } = await quickCapture(admin, quickCaptureSchema.parse({ what: "A moment, place not said", clientId: randomUUID() }));
    const other = await quickCapture(admin, quickCaptureSchema.parse({ what: "A moment on social media", channel: "social" }));
    expect((await db().story.findFirstOrThrow({ where: { id }, select: { channelId: true } })).channelId).toBeNull();
    expect((await getStoryForViewer(admin, id))?.channel).toBeNull();
    expect((await listMyStories(admin)).find((s) => s.id === id)?.channel).toBeNull();
    // Both count in the channel trend: one under "none", one under "social"; the social filter keeps one.
    await db().story.updateMany({ where: { organizationId }, data: { status: "PUBLISHED", visibility: "ORG" } });
    const trends = await reportTrends(admin, {}, "month");
    const sum = (key: string) => trends.byChannel.reduce((n, b) => n + (b.counts[key] ?? 0), 0);
    expect([sum("none"), sum("social")]).toEqual([1, 1]);
    const social = await reportTrends(admin, { channel: "social" }, "month");
    expect(social.byChannel.reduce((n, b) => n + Object.values(b.counts).reduce((a, c) => a + c, 0), 0)).toBe(1);
    expect(other.id).not.toBe(id);
  });

  it("a channel that is not the organisation's is still refused, and nothing is stored", async () => {
    const { admin, organizationId } = await makeOrganization();
    await expect(quickCapture(admin, quickCaptureSchema.parse({ what: "Carrier pigeon", channel: "carrier-pigeon" }))).rejects.toThrow(
      /Choose where it happened from the list/,
    );
    expect(await db().story.count({ where: { organizationId } })).toBe(0);
  });
});
