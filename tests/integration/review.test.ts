import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { askWhatHappenedNext, confirmFigure, listReadings, recordReading, reviewAbilities, setHighlight, sharedReflections, teamFeed } from "@/lib/db/review";
import { listDueFollowUps } from "@/lib/db/follow-ups";
import { getStoryForEditing, saveStoryDocument } from "@/lib/db/story-editor";
import { quickCapture } from "@/lib/db/stories";
import type { Actor } from "@/lib/domain/actor";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization, makeTeam } from "../factories";

const db = () => getDatabase().prisma;
let boss: Actor, manager: Actor, author: Actor, teammate: Actor, lnd: Actor, stranger: Actor;
let storyId: string, privateId: string;

beforeAll(async () => {
  const { organizationId } = await makeOrganization("Review Co");
  const team = await makeTeam(organizationId);
  boss = await makeMember(organizationId, { role: "MANAGER", name: "Big Boss" });
  manager = await makeMember(organizationId, { role: "MANAGER", managerId: boss.membershipId, name: "Mia Manager" });
  author = await makeMember(organizationId, { teamId: team.id, managerId: manager.membershipId, name: "Ava Author" });
  teammate = await makeMember(organizationId, { teamId: team.id, managerId: manager.membershipId });
  lnd = await makeMember(organizationId, { role: "LND" });
  stranger = (await makeOrganization("Other")).admin;
  storyId = (await quickCapture(author, quickCaptureSchema.parse({ what: "Shared with my manager", channel: "social" }))).id;
  privateId = (await quickCapture(author, quickCaptureSchema.parse({ what: "Private one", channel: "social" }))).id;
  await db().story.updateMany({ where: { id: storyId }, data: { status: "PUBLISHED", visibility: "MANAGER" } });
  await db().story.updateMany({ where: { id: privateId }, data: { status: "PUBLISHED", visibility: "PRIVATE" } });
  const editable = (await getStoryForEditing(author, storyId))!;
  const doc = structuredClone(editable.doc);
  doc.entries.REALIZED = { narrative: "Saved two hours", indicators: [], figureValue: 120, figureUnit: "minutes saved", links: [] };
  await saveStoryDocument(author, storyId, editable.version, doc);
});

describe("the team feed", () => {
  it("shows a manager, and the manager's manager, what reports shared with them; nobody else", async () => {
    for (const viewer of [manager, boss]) {
      const feed = await teamFeed(viewer);
      expect(feed.stories.map((s) => s.id)).toEqual([storyId]);
      expect(feed.people.map((p) => p.name)).toContain("Ava Author");
    }
    expect((await teamFeed(teammate)).stories).toEqual([]);
    expect((await teamFeed(lnd)).stories).toEqual([]);
    expect((await teamFeed(manager, { person: teammate.membershipId })).stories).toEqual([]);
    expect((await teamFeed(manager, { cycle: "REALIZED" })).stories.map((s) => s.id)).toEqual([storyId]);
    expect((await teamFeed(manager, { cycle: "APPLIED" })).stories).toEqual([]);
  });

  it("shows each report's latest reflection only when they shared it", async () => {
    const org = author.organizationId;
    await db().reflection.create({ data: { organizationId: org, membershipId: author.membershipId, weekStart: new Date("2026-11-09"), learned: "Old week" } });
    await db().reflection.create({ data: { organizationId: org, membershipId: author.membershipId, weekStart: new Date("2026-11-16"), learned: "This week" } });
    await db().reflection.create({
      data: {
        organizationId: org,
        membershipId: teammate.membershipId,
        weekStart: new Date("2026-11-16"),
        learned: "Kept to myself",
        sharedWithManager: false,
      },
    });
    const shared = await sharedReflections(manager);
    expect(shared.map((r) => [r.name, r.learned])).toEqual([["Ava Author", "This week"]]);
    expect(await sharedReflections(teammate)).toEqual([]);
  });
});

describe("review actions", () => {
  it("only the author's managers may ask what happened next; the author gets a follow-up and a notification", async () => {
    for (const outsider of [teammate, lnd, author, stranger])
      await expect(askWhatHappenedNext(outsider, storyId, "?")).rejects.toMatchObject({ code: "not_found" });
    const followUp = await askWhatHappenedNext(boss, storyId, "What changed for the customer?");
    expect(followUp.cycle).toBe("REFRAMING");
    const due = await listDueFollowUps(author);
    expect(due.find((f) => f.id === followUp.id)).toMatchObject({ note: "What changed for the customer?", requestedBy: { id: boss.membershipId } });
    expect(await db().notification.count({ where: { recipientId: author.membershipId, kind: "question", storyId } })).toBe(1);
  });

  it("a manager confirms the realized figure, stamped; changing the figure asks for a new confirmation", async () => {
    await expect(confirmFigure(teammate, storyId)).rejects.toMatchObject({ code: "not_found" });
    await expect(confirmFigure(author, storyId)).rejects.toMatchObject({ code: "not_found" });
    await confirmFigure(manager, storyId);
    const entry = await db().cycleEntry.findFirstOrThrow({ where: { storyId, cycle: "REALIZED" } });
    expect(entry.confirmedById).toBe(manager.membershipId);
    expect(entry.confirmedAt).toBeInstanceOf(Date);

    const editable = (await getStoryForEditing(author, storyId))!;
    const sameFigure = structuredClone(editable.doc);
    sameFigure.narrative = "Only the text changed";
    const saved = await saveStoryDocument(author, storyId, editable.version, sameFigure);
    expect((await db().cycleEntry.findFirstOrThrow({ where: { storyId, cycle: "REALIZED" } })).confirmedById).toBe(manager.membershipId);
    const changed = structuredClone(sameFigure);
    changed.entries.REALIZED.figureValue = 180;
    await saveStoryDocument(author, storyId, saved.status === "saved" ? saved.version : 0, changed);
    expect((await db().cycleEntry.findFirstOrThrow({ where: { storyId, cycle: "REALIZED" } })).confirmedById).toBeNull();
  });

  it("readings are kept beside the author's tagging and visible to the story's readers", async () => {
    await expect(recordReading(teammate, storyId, { cycles: ["APPLIED"], indicatorKeys: [], note: "" })).rejects.toMatchObject({ code: "not_found" });
    await recordReading(manager, storyId, { cycles: ["APPLIED", "REALIZED"], indicatorKeys: ["org-performance", "made-up"], note: "Clear realized value" });
    await recordReading(manager, storyId, { cycles: ["REALIZED"], indicatorKeys: ["org-performance"], note: "Updated" });
    const readings = await listReadings(author, storyId);
    expect(readings).toEqual([
      expect.objectContaining({ reviewer: "Mia Manager", cycles: ["REALIZED"], indicatorKeys: ["org-performance"], note: "Updated", mine: false }),
    ]);
    expect(await listReadings(teammate, storyId)).toEqual([]);
    // The author's own tags are untouched.
    expect((await db().cycleEntry.findFirstOrThrow({ where: { storyId, cycle: "REALIZED" } })).indicatorKeys).toEqual([]);
  });

  it("managers up the line and L&D (on stories they can read) may pick a story for leadership", async () => {
    await expect(setHighlight(lnd, storyId, true)).rejects.toMatchObject({ code: "not_found" }); // MANAGER visibility: L&D cannot read it
    await setHighlight(boss, storyId, true);
    expect((await db().story.findFirstOrThrow({ where: { id: storyId } })).highlightedById).toBe(boss.membershipId);
    await db().story.updateMany({ where: { id: storyId }, data: { visibility: "ORG" } });
    await setHighlight(lnd, storyId, false);
    expect((await db().story.findFirstOrThrow({ where: { id: storyId } })).highlightedAt).toBeNull();
    await db().story.updateMany({ where: { id: storyId }, data: { visibility: "MANAGER" } });
  });

  it("nobody reviews a private story, and abilities say exactly what a viewer may do", async () => {
    expect(await reviewAbilities(manager, privateId)).toEqual({ askNext: false, confirm: false, reading: false, highlight: false, acknowledge: false });
    expect(await reviewAbilities(manager, storyId)).toEqual({ askNext: true, confirm: true, reading: true, highlight: true, acknowledge: true });
    expect(await reviewAbilities(author, storyId)).toEqual({ askNext: false, confirm: false, reading: false, highlight: false, acknowledge: false });
    expect(await reviewAbilities(stranger, storyId)).toEqual({ askNext: false, confirm: false, reading: false, highlight: false, acknowledge: false });
  });
});
